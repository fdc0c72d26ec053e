package dev.mcpproxy.server.mcp;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.router.ReplySink;
import dev.mcpproxy.server.http1.Http1Exchange;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The answer to one POSTed request on streamable HTTP. It stays a plain JSON response, the cheapest thing
 * for client and proxy, unless something must be sent before the answer (progress, a log line, a request
 * to the client); then it turns into an event stream that carries those and ends with the answer.
 */
final class HttpReplySink implements ReplySink {

    private final Http1Exchange exchange;
    private final boolean streamAllowed;
    private SseWriter stream;
    private boolean done;

    HttpReplySink(Http1Exchange exchange, boolean streamAllowed) {
        this.exchange = exchange;
        this.streamAllowed = streamAllowed;
    }

    @Override
    public synchronized boolean interim(JsonNode message) {
        if (done || !streamAllowed) {
            return false;
        }
        if (stream == null) {
            stream = SseWriter.open(exchange, () -> { });
        }
        return stream.sendMessage(message);
    }

    @Override
    public void reply(JsonNode message) {
        reply(List.of(Json.writeBytes(message)));
    }

    /**
     * An answer as the pieces it came in: as an event when the stream is open; else a small one as a JSON body of
     * known length, and a large one in chunks, its pieces never joined.
     */
    @Override
    public synchronized void reply(List<byte[]> message) {
        if (done) {
            return;
        }
        done = true;
        if (stream != null) {
            stream.sendMessage(message);
            stream.end();
            return;
        }
        if (message.size() == 1) {
            exchange.respond(200, "application/json", message.getFirst());
            return;
        }
        if (exchange.startStream(200, "application/json", () -> { })) {
            for (byte[] piece : message) {
                exchange.sendChunk(piece);
            }
            exchange.endStream();
        }
    }

    @Override
    public synchronized void abandon() {
        if (done) {
            return;
        }
        done = true;
        if (stream == null && streamAllowed) {
            stream = SseWriter.open(exchange, () -> { });
        }
        if (stream != null) {
            stream.end();
        } else {
            exchange.respond(204, null, null);
        }
    }
}
