package dev.mcpproxy.core.events;

import dev.mcpproxy.core.json.Json;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * One event. Its JSON form, {@code {"id","type","time","data"}}, is written once when it is published and shared
 * by every subscriber.
 *
 * @param server the server it concerns, or null; subscribers filter log lines by it
 */
public record Event(long id, String type, Instant time, String server, ObjectNode data, String json) {

    static Event of(long id, String type, Instant time, ObjectNode data) {
        ObjectNode whole = Json.object().put("id", id).put("type", type).put("time", time.toString());
        whole.set("data", data);
        String server = data.path("server").isString() ? data.path("server").asString() : null;
        return new Event(id, type, time, server, data, Json.write(whole));
    }
}
