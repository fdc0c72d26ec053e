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
 * @param request  the request as it was forwarded upstream; empty once the call log dropped it to stay in its bound
 * @param response the answer as the client got it; empty when there was none (cancelled) or once dropped
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
        long logTo,
        Optional<CapturedMessage> request,
        Optional<CapturedMessage> response) {

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

    /** The bytes its messages hold. */
    long messageBytes() {
        return request.map(m -> m.kept().length).orElse(0) + response.map(m -> m.kept().length).orElse(0);
    }

    /** The same call without its messages, which the call log drops from its oldest calls to stay within bounds. */
    CompletedCall withoutMessages() {
        return new CompletedCall(id, started, durationNanos, session, client, method, server, target, outcome, error,
                logFrom, logTo, Optional.empty(), Optional.empty());
    }
}
