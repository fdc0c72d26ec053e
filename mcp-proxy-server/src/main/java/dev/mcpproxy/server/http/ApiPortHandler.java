package dev.mcpproxy.server.http;

import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.supervisor.ServerSupervisor;
import dev.mcpproxy.shared.ServerState;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/** The management port. For now it answers the seed's readiness check, {@code GET /health}. */
final class ApiPortHandler extends Handler.Abstract {

    private final RequestGuard guard;
    private final ProxyRuntime runtime;

    ApiPortHandler(RequestGuard guard, ProxyRuntime runtime) {
        this.guard = guard;
        this.runtime = runtime;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Optional<RequestGuard.Refusal> refusal = guard.check(request);
        if (refusal.isPresent()) {
            Responses.json(response, callback, refusal.get().status(),
                    Json.object().put("error", refusal.get().message()));
            return true;
        }
        if (Request.getPathInContext(request).equals("/health") && request.getMethod().equals("GET")) {
            Responses.json(response, callback, 200, health());
            return true;
        }
        Responses.json(response, callback, 404, Json.object().put("error", "Not found"));
        return true;
    }

    private ObjectNode health() {
        ObjectNode body = Json.object().put("status", "ok");
        ObjectNode servers = body.putObject("servers");
        servers.put("total", runtime.supervisors().size());
        servers.put("running", runtime.supervisors().stream().map(ServerSupervisor::status)
                .filter(s -> s.state() == ServerState.RUNNING || s.state() == ServerState.UNHEALTHY).count());
        return body;
    }
}
