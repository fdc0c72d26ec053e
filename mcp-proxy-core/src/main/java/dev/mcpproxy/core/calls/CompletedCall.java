package dev.mcpproxy.core.calls;

import dev.mcpproxy.core.events.EventData;
import dev.mcpproxy.core.json.Json;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request a client made that the proxy forwarded to an upstream, once it is over. It is its own call event's data:
 * the event window holds a few thousand of them under load, so each holds nothing more than the call (its end is
 * the event's time, its start worked out when it is shown).
 *
 * @param ended    when the answer came, or the call otherwise ended
 * @param target   the tool or prompt name, or the resource URI, as the upstream knows it; empty for other methods
 * @param outcome  how it ended
 * @param error    the error message when it did not succeed
 * @param logFrom  the server's log position when the call was sent: the {@code seq} its next line would get
 * @param logTo    the same when the call ended: the lines the server wrote meanwhile are those with a {@code seq}
 *                 from {@code logFrom} up to, not including, {@code logTo}
 */
public record CompletedCall(
        long id,
        Instant ended,
        long durationNanos,
        String session,
        String client,
        String method,
        String server,
        String target,
        Outcome outcome,
        Optional<String> error,
        long logFrom,
        long logTo) implements EventData {

    public Instant started() {
        return ended.minusNanos(durationNanos);
    }

    /** The call as the API and its event show it. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("id", id).put("started", started().toString())
                .put("duration_ms", durationNanos / 1e6).put("server", server)
                .put("method", method).put("target", target).put("outcome", outcome.wireName())
                .put("session", session).put("client", client)
                .put("log_from", logFrom).put("log_to", logTo);
        error.ifPresent(e -> json.put("error", e));
        return json;
    }

    @Override
    public void appendTo(StringBuilder out) {
        out.append(Json.write(toJson()));
    }

    public enum Outcome {
        /** A result. */
        OK,
        /** A tool result marked {@code isError}: the call worked, the tool reported a failure. */
        TOOL_ERROR,
        /** A JSON-RPC error, from the upstream or the proxy (timeout, crash). */
        ERROR,
        /** The client cancelled it or went away. */
        CANCELLED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
