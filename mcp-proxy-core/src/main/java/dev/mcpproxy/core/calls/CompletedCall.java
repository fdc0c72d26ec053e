package dev.mcpproxy.core.calls;

import java.time.Instant;
import java.util.Optional;

/**
 * A request a client made that the proxy forwarded to an upstream, once it is over.
 *
 * @param target   the tool or prompt name, or the resource URI, as the upstream knows it; empty for other methods
 * @param outcome  how it ended
 * @param error    the error message when it did not succeed
 * @param logFrom  the server's log position when the call was sent: the {@code seq} its next line would get
 * @param logTo    the same when the call ended: the lines the server wrote meanwhile are those with a {@code seq}
 *                 from {@code logFrom} up to, not including, {@code logTo}
 */
public record CompletedCall(
        long id,
        Instant started,
        long durationNanos,
        String session,
        String client,
        String method,
        String server,
        String target,
        Outcome outcome,
        Optional<String> error,
        long logFrom,
        long logTo) {

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
