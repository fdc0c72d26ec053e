package dev.mcpproxy.core.events;

import java.util.Arrays;
import java.util.Optional;

/** What an event is about; {@link #json} is its name on the wire. */
public enum EventType {
    SERVER_STATE("server-state"),
    LOG("log"),
    CALL("call"),
    CONFIG_CHANGED("config-changed"),
    CONFIG_INVALID("config-invalid"),
    LIST_CHANGED("list-changed"),
    /** Tells a consumer catching up that older events fell out of the window. */
    MISSED("missed");

    public final String json;

    EventType(String json) {
        this.json = json;
    }

    public static Optional<EventType> named(String json) {
        return Arrays.stream(values()).filter(type -> type.json.equals(json)).findFirst();
    }
}
