package dev.mcpproxy.desktop.instance;

import dev.mcpproxy.core.json.Json;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What the instance lock file says: the app that holds it, its sidecar (pid, ports, and the launch token, which only
 * that sidecar accepts: the nonce that tells it from a process that happens to have the same pid), and the port on
 * which the app brings its window to the front for a second launch.
 *
 * @param sidecarPid 0 while no sidecar runs
 * @param focusPort  0 when the app takes no focus requests
 */
public record LockRecord(long appPid, long sidecarPid, int port, int apiPort, String token, int focusPort) {

    String toJson() {
        return Json.write(Json.object().put("app_pid", appPid).put("sidecar_pid", sidecarPid).put("port", port)
                .put("api_port", apiPort).put("token", token).put("focus_port", focusPort));
    }

    /** The record in a lock file's text; empty for an empty or unreadable file (a crash while it was written). */
    static Optional<LockRecord> parse(String text) {
        try {
            JsonNode json = Json.parse(text);
            return Optional.of(new LockRecord(json.path("app_pid").asLong(0), json.path("sidecar_pid").asLong(0),
                    json.path("port").asInt(0), json.path("api_port").asInt(0), json.path("token").asString(""),
                    json.path("focus_port").asInt(0)));
        } catch (Json.MalformedJsonException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
