package dev.mcpproxy.server.mcp;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.http1.Http1Exchange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Server-sent events on one response of the MCP port. Never blocks the caller: what the socket does not take at
 * once waits in the connection, and a client too far behind is cut off (bounded memory, no slowed proxy).
 */
final class SseWriter {

    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Http1Exchange exchange;

    private SseWriter(Http1Exchange exchange) {
        this.exchange = exchange;
    }

    /** Sends the headers of an event stream; {@code onClose} runs once when it ends, whoever ends it. */
    static SseWriter open(Http1Exchange exchange, Runnable onClose) {
        exchange.header("Cache-Control", "no-cache, no-transform");
        exchange.header("X-Accel-Buffering", "no");
        exchange.startStream(200, "text/event-stream", onClose);
        return new SseWriter(exchange);
    }

    boolean sendMessage(JsonNode message) {
        return sendEvent(null, Json.write(message));
    }

    /**
     * Sends a message given as JSON bytes in pieces (one line: it came as one) as one event, each piece as it is.
     * Synchronized with the other sends, so that no event lands between its pieces.
     */
    synchronized boolean sendMessage(List<byte[]> message) {
        if (message.size() == 1) {
            // A message held whole leaves as one chunk: one write instead of three.
            byte[] piece = message.getFirst();
            byte[] event = new byte[DATA.length + piece.length + EVENT_END.length];
            System.arraycopy(DATA, 0, event, 0, DATA.length);
            System.arraycopy(piece, 0, event, DATA.length, piece.length);
            System.arraycopy(EVENT_END, 0, event, DATA.length + piece.length, EVENT_END.length);
            return exchange.sendChunk(event);
        }
        boolean sent = exchange.sendChunk(DATA);
        for (byte[] piece : message) {
            sent = sent && exchange.sendChunk(piece);
        }
        return sent && exchange.sendChunk(EVENT_END);
    }

    synchronized boolean sendEvent(String event, String data) {
        StringBuilder text = new StringBuilder(data.length() + 32);
        if (event != null) {
            text.append("event: ").append(event).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        text.append('\n');
        return exchange.sendChunk(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A comment line: keeps idle connections (and proxies in between) from timing out. */
    synchronized boolean heartbeat() {
        return exchange.sendChunk(HEARTBEAT);
    }

    /** Ends the stream after what was sent. */
    void end() {
        exchange.endStream();
    }
}
