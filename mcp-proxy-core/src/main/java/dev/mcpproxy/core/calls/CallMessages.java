package dev.mcpproxy.core.calls;

import java.util.Optional;

/**
 * What the call log keeps of a call's messages, beside the call itself: they are kept apart so that what holds a
 * call (its event, waiting in the event log for consumers to catch up) does not hold its messages too.
 *
 * @param request  the request as it was forwarded upstream
 * @param response the answer as the client got it; empty when there was none (the call was cancelled)
 */
public record CallMessages(CapturedMessage request, Optional<CapturedMessage> response) {

    /** The bytes they hold. */
    long bytes() {
        return request.kept().length + response.map(m -> m.kept().length).orElse(0);
    }
}
