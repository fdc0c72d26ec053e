package dev.mcpproxy.core.events;

import dev.mcpproxy.core.json.JsonText;
import java.time.Instant;

/**
 * One event. Its JSON form, {@code {"id","type","time","data"}}, is written by each consumer into its own buffer, on
 * its own thread, and not kept: publishing costs the proxy's hot paths (a call ending, a log line read) no JSON at
 * all, and the events kept for catching up hold no text, so a log flood's events die young instead of being copied
 * from one heap generation to the next.
 */
public final class Event {

    private final long id;
    private final EventType type;
    private final Instant time;
    private final String server;
    private final EventData data;

    /**
     * @param server the server it concerns, or null; consumers filter log lines by it
     * @param data   writes the event's data, a JSON object
     */
    Event(long id, EventType type, Instant time, String server, EventData data) {
        this.id = id;
        this.type = type;
        this.time = time;
        this.server = server;
        this.data = data;
    }

    public long id() {
        return id;
    }

    public EventType type() {
        return type;
    }

    public Instant time() {
        return time;
    }

    public String server() {
        return server;
    }

    /** Appends the event's JSON to {@code out}. */
    public StringBuilder appendJson(StringBuilder out) {
        out.append("{\"id\":").append(id).append(",\"type\":\"").append(type.json).append("\",\"time\":");
        JsonText.appendTime(out, time).append(",\"data\":");
        data.appendTo(out);
        return out.append('}');
    }

    public String json() {
        return appendJson(new StringBuilder(256)).toString();
    }
}
