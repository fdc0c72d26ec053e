package dev.mcpproxy.core.events;

/** An event's data, a JSON object, written into a consumer's buffer: the same text every time it is asked for. */
@FunctionalInterface
public interface EventData {

    void appendTo(StringBuilder out);
}
