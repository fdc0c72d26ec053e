package dev.mcpproxy.server.mcp;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.json.MessageScanner;
import dev.mcpproxy.core.process.LargeMessageBudget;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.server.http1.Http1Exchange;
import dev.mcpproxy.server.http1.Http1Request;
import java.util.Arrays;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Room in the heap for a large request while it is parsed and forwarded. A request is read into a tree, which for
 * a long string costs several times its size (Jackson's text buffer in chars, then the string, then the bytes
 * written upstream); several at once, or one beside large answers, would exhaust the heap. So a large request
 * takes its cost from the budget the upstreams' large answers share, and is refused, saying so, when there is
 * none.
 */
final class LargeRequests {

    /** Smaller requests cost too little to count. */
    static final int LARGE = 256 * 1024;
    /**
     * What a request costs at its peak, in bodies: the body twice in the HTTP layer (its buffer and its copy), a
     * long string's text buffer in chars and the string, the bytes written upstream. Measured with the launcher's
     * flags: an 8 MB argument is carried with -Xmx64m and a 10 MB one is not; 15 MB with -Xmx96m.
     */
    private static final int COST_IN_BODIES = 5;

    private LargeRequests() {
    }

    /** The request's top-level id, found without parsing it, so that the client can tell what was refused. */
    private static JsonNode id(byte[] body) {
        MessageScanner seen = new MessageScanner();
        seen.feed(body, 0, body.length);
        if (seen.idStart() < 0) {
            return null;
        }
        try {
            return Json.parse(Arrays.copyOfRange(body, (int) seen.idStart(), (int) seen.idEnd()));
        } catch (Json.MalformedJsonException e) {
            return null;
        }
    }

    /**
     * Runs {@code handling} with the request's cost reserved; when there is no room, answers with a JSON-RPC error
     * instead (HTTP 503: it may fit later) and does not run it.
     */
    static void withRoom(Http1Request request, Http1Exchange exchange, Runnable handling) {
        long size = request.body().length;
        if (size < LARGE) {
            handling.run();
            return;
        }
        long cost = COST_IN_BODIES * size;
        LargeMessageBudget budget = LargeMessageBudget.SHARED;
        if (!budget.reserve(cost)) {
            String message = String.format(Locale.ROOT, "The request (%.1f MB) needs about %.0f MB of the proxy's"
                    + " memory to be carried, more than is free for large messages now (%d MiB together, the"
                    + " sidecar's heap less what the rest needs). Send less, try again later, or give the sidecar more heap (-Xmx).",
                    size / 1e6, cost / 1e6, budget.capacity() >> 20);
            exchange.respond(503, "application/json", Json.writeBytes(JsonRpc.error(id(request.body()),
                    JsonRpc.INTERNAL_ERROR, message)));
            return;
        }
        try {
            handling.run();
        } finally {
            budget.release(cost);
        }
    }
}
