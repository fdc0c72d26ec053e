package dev.mcpproxy.desktop.backend;

import dev.mcpproxy.core.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the desktop knows of its sidecar, as {@code get_backend_status} answers and {@code backend-status} events
 * carry it: {@code {running, pid, port, api_port, uptime_s, restarts, last_error}}.
 *
 * @param pid           the sidecar's process id while one runs
 * @param uptimeSeconds since it became ready, while it runs
 * @param restarts      how often the monitor started it again after it crashed or hung
 * @param lastError     what went wrong last, in words, or null
 */
public record BackendStatus(boolean running, Long pid, int port, int apiPort, Long uptimeSeconds, int restarts,
                            String lastError) {

    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("running", running);
        json.put("pid", pid).put("port", port).put("api_port", apiPort).put("uptime_s", uptimeSeconds)
                .put("restarts", restarts).put("last_error", lastError);
        return json;
    }
}
