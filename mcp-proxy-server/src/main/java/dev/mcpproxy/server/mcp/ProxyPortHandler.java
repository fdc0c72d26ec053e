package dev.mcpproxy.server.mcp;

import dev.mcpproxy.core.router.McpEndpoint;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.server.http1.Http1Exchange;
import dev.mcpproxy.server.http1.Http1Head;
import dev.mcpproxy.server.http1.Http1Request;
import dev.mcpproxy.server.http1.Http1Server;
import java.util.Optional;

/** Everything on the proxy port: the guard at each head, then the MCP transports by path. */
final class ProxyPortHandler implements Http1Server.Handler {

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

    /** Host, Origin and token, before anything of a body is read (the server answers with {@link #errorBody}). */
    @Override
    public Optional<Http1Server.Refusal> admit(Http1Head head) {
        return guard.check(head, endpoints.profileToken(head.path()));
    }

    @Override
    public void handle(Http1Request request, Http1Exchange exchange) {
        String path = request.path();
        Optional<McpEndpoint> endpoint = endpoints.resolve(path, "/mcp");
        if (endpoint.isPresent()) {
            streamable.handle(endpoint.get(), request, exchange);
            return;
        }
        endpoint = endpoints.resolve(path, "/sse");
        if (endpoint.isPresent() && request.method().equals("GET")) {
            legacy.openStream(endpoint.get(), path.substring(0, path.length() - "/sse".length()) + "/messages",
                    exchange);
            return;
        }
        endpoint = endpoints.resolve(path, "/messages");
        if (endpoint.isPresent() && request.method().equals("POST")) {
            legacy.post(endpoint.get(), request, exchange);
            return;
        }
        ProxyReplies.rpcError(exchange, 404, JsonRpc.INVALID_REQUEST,
                "Not found. MCP endpoints: /mcp (streamable HTTP), /sse (HTTP+SSE), /servers/{name}/mcp, "
                        + "/profiles/{name}/mcp");
    }

    @Override
    public byte[] errorBody(String message) {
        return ProxyReplies.rpcErrorBody(JsonRpc.INVALID_REQUEST, message);
    }
}
