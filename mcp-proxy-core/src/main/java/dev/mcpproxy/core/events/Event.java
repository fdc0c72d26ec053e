package dev.mcpproxy.core.events;

import dev.mcpproxy.core.json.JsonText;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One event. Its JSON form, {@code {"id","type","time","data"}}, is written when a consumer first needs it, on the
 * consumer's thread, and then shared: publishing costs the proxy's hot paths (a call ending, a log line read) no
 * JSON at all, and an event nobody is subscribed to is never written unless a reconnecting consumer catches up on it.
 */
public final class Event {

    private final long id;
    private final EventType type;
    private final Instant time;
    private final String server;
    private Supplier<String> data;
    private volatile String json;

    /**
     * @param server the server it concerns, or null; consumers filter log lines by it
     * @param data   writes the event's data, a JSON object
     */
    Event(long id, EventType type, Instant time, String server, Supplier<String> data) {
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

    public String json() {
        String written = json;
        if (written == null) {
            synchronized (this) {
                written = json;
                if (written == null) {
                    String text = data.get();
                    StringBuilder out = new StringBuilder(64 + text.length());
                    out.append("{\"id\":").append(id).append(",\"type\":\"").append(type.json).append("\",\"time\":");
                    JsonText.appendTime(out, time).append(",\"data\":").append(text).append('}');
                    written = out.toString();
                    json = written;
                    data = null;
                }
            }
        }
        return written;
    }
}
