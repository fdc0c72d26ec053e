package dev.mcpproxy.server.http;

import dev.mcpproxy.core.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import tools.jackson.databind.JsonNode;

/**
 * Writes server-sent events to one HTTP response, one write at a time, without ever blocking the caller:
 * events are queued and written as the socket takes them. A client too far behind is cut off, so a stuck
 * reader costs bounded memory and never slows the proxy.
 */
final class SseWriter extends IteratingCallback {

    /** Events queued for a client that is not reading, before the stream is closed. */
    private static final int MAX_QUEUED = 4096;

    private final Response response;
    private final Callback exchange;
    private final Runnable onClose;
    private final Queue<ByteBuffer> queue = new ArrayDeque<>();
    private boolean ending;
    private boolean closed;
    private boolean lastWritten;

    private SseWriter(Response response, Callback exchange, Runnable onClose) {
        this.response = response;
        this.exchange = exchange;
        this.onClose = onClose;
    }

    /** Sends the response headers of an event stream; the exchange completes when the stream ends. */
    static SseWriter open(Response response, Callback exchange, Runnable onClose) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-transform");
        response.getHeaders().put("X-Accel-Buffering", "no");
        SseWriter writer = new SseWriter(response, exchange, onClose);
        writer.enqueue(ByteBuffer.allocate(0));
        return writer;
    }

    boolean sendMessage(JsonNode message) {
        return sendEvent(null, Json.write(message));
    }

    boolean sendEvent(String event, String data) {
        StringBuilder text = new StringBuilder(data.length() + 32);
        if (event != null) {
            text.append("event: ").append(event).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        text.append('\n');
        return enqueue(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A comment line: keeps idle connections (and proxies in between) from timing out. */
    boolean heartbeat() {
        return enqueue(ByteBuffer.wrap(": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII)));
    }

    /** Ends the stream after what is queued has been written. */
    void end() {
        synchronized (this) {
            if (ending || closed) {
                return;
            }
            ending = true;
        }
        iterate();
    }

    synchronized boolean isOpen() {
        return !closed && !ending;
    }

    private boolean enqueue(ByteBuffer buffer) {
        boolean overflow;
        synchronized (this) {
            if (closed || ending) {
                return false;
            }
            overflow = queue.size() >= MAX_QUEUED;
            if (!overflow) {
                queue.add(buffer);
            }
        }
        if (overflow) {
            abort(new IllegalStateException("client is not reading its event stream"));
            close(false);
            return false;
        }
        iterate();
        return true;
    }

    @Override
    protected Action process() {
        ByteBuffer next;
        boolean last;
        synchronized (this) {
            if (closed || lastWritten) {
                return Action.SUCCEEDED;
            }
            next = queue.poll();
            last = next == null && ending;
            if (next == null && !last) {
                return Action.IDLE;
            }
            lastWritten = last;
        }
        response.write(last, last ? ByteBuffer.allocate(0) : next, this);
        return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteSuccess() {
        close(true);
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        close(false);
    }

    private void close(boolean cleanly) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        if (cleanly) {
            exchange.succeeded();
        } else {
            exchange.failed(new java.io.IOException("event stream closed"));
        }
        onClose.run();
    }
}
