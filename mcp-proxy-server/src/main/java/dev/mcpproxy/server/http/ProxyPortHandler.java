package dev.mcpproxy.server.http;

import dev.mcpproxy.core.router.McpEndpoint;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Everything on the proxy port: the guard first, then the MCP transports by path. */
final class ProxyPortHandler extends Handler.Abstract {

    private final RequestGuard guard;
    private final McpEndpoints endpoints;
    private final StreamableHttpHandler streamable;
    private final LegacySseHandler legacy;

    ProxyPortHandler(RequestGuard guard, McpEndpoints endpoints, StreamableHttpHandler streamable,
                     LegacySseHandler legacy) {
        this.guard = guard;
        this.endpoints = endpoints;
        this.streamable = streamable;
        this.legacy = legacy;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<RequestGuard.Refusal> refusal = guard.check(request);
        if (refusal.isPresent()) {
            Responses.rpcError(response, callback, refusal.get().status(), -32600, refusal.get().message());
            return true;
        }
        String path = Request.getPathInContext(request);
        Optional<McpEndpoint> endpoint = endpoints.resolve(path, "/mcp");
        if (endpoint.isPresent()) {
            streamable.handle(endpoint.get(), request, response, callback);
            return true;
        }
        endpoint = endpoints.resolve(path, "/sse");
        if (endpoint.isPresent() && request.getMethod().equals("GET")) {
            legacy.openStream(endpoint.get(), path.substring(0, path.length() - "/sse".length()) + "/messages",
                    request, response, callback);
            return true;
        }
        endpoint = endpoints.resolve(path, "/messages");
        if (endpoint.isPresent() && request.getMethod().equals("POST")) {
            legacy.post(endpoint.get(), request, response, callback);
            return true;
        }
        Responses.rpcError(response, callback, 404, -32600,
                "Not found. MCP endpoints: /mcp (streamable HTTP), /sse (HTTP+SSE), /servers/{name}/mcp");
        return true;
    }
}
