package dev.mcpproxy.core.events;

import dev.mcpproxy.core.json.JsonText;
import java.time.Instant;

/**
 * One event. Its JSON form, {@code {"id","type","time","data"}}, is written once when it is published and shared
 * by every subscriber.
 *
 * @param server the server it concerns, or null; subscribers filter log lines by it
 */
public record Event(long id, EventType type, Instant time, String server, String json) {

    /** {@code data} is a JSON object's text. */
    static Event of(long id, EventType type, Instant time, String server, String data) {
        StringBuilder json = new StringBuilder(64 + data.length());
        json.append("{\"id\":").append(id).append(",\"type\":\"").append(type.json).append("\",\"time\":");
        JsonText.appendTime(json, time).append(",\"data\":").append(data).append('}');
        return new Event(id, type, time, server, json.toString());
    }
}
