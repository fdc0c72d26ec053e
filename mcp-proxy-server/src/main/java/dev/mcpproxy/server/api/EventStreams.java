package dev.mcpproxy.server.api;

import dev.mcpproxy.core.events.Event;
import dev.mcpproxy.core.events.EventLog;
import dev.mcpproxy.core.events.Subscription;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import dev.mcpproxy.server.http1.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The event stream, two ways: Server-Sent Events at {@code /api/events} and a WebSocket at {@code /ws}. Both carry
 * the same JSON events, {@code {"id","type","time","data"}}: all types, or those of {@code ?types=log,call}; log
 * lines only for the servers asked for ({@code ?logs=a,b} or {@code ?logs=*}; on the WebSocket also by sending
 * {@code {"types":[...],"logs":[...]}}). Each consumer
 * has its own bounded queue drained by its own virtual thread; a consumer that stops reading fills it and is
 * disconnected, and can reconnect with the last id it saw ({@code Last-Event-ID} or {@code ?last_event_id=}) to
 * catch up. Nothing a consumer does slows the proxy.
 */
final class EventStreams {

    /** Events a consumer may fall behind by before it is dropped. */
    private static final int QUEUE = 4096;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** A write that has not completed in this time means the consumer stopped reading (the api port's limit). */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** What a consumer's message to {@code /ws} may weigh: a filter, a few names. */
    private static final int MAX_WEBSOCKET_MESSAGE = 64 * 1024;
    /** Events written together at most: one write per burst instead of one per log line. */
    private static final int BATCH = 256;
    /**
     * How long the first event of a burst waits for the rest: a log flood then costs one write per millisecond
     * instead of one per line or two (a third of the proxy's CPU per line, and the consumer's), for 1 ms of lag.
     */
    private static final Duration GATHER = Duration.ofMillis(1);
    /** A batch's buffer is kept for the next one, unless long lines made it this large. */
    private static final int MAX_KEPT_BATCH_CHARS = 1 << 20;

    private final EventLog events;

    EventStreams(EventLog events) {
        this.events = events;
    }

    private static EventFilter filter(ApiExchange exchange) throws ApiError {
        try {
            return new EventFilter(EventFilter.types(exchange.query("types").orElse("")),
                    EventFilter.list(exchange.query("logs").orElse("")));
        } catch (EventFilter.UnknownTypeException e) {
            throw new ApiError(400, e.getMessage());
        }
    }

    private Subscription subscribe(ApiExchange exchange, EventFilter filter) throws ApiError {
        String header = exchange.request.header("Last-Event-ID");
        long lastSeen;
        if (header != null) {
            try {
                lastSeen = Long.parseLong(header.strip());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "Last-Event-ID must be an event id");
            }
        } else {
            lastSeen = exchange.queryLong("last_event_id", 0);
        }
        return events.subscribe(lastSeen, filter, QUEUE);
    }

    /** {@code GET /api/events}: runs until the consumer leaves or falls behind. */
    void serverSentEvents(ApiExchange exchange) throws ApiError {
        EventFilter filter = filter(exchange);
        Subscription subscription = subscribe(exchange, filter);
        try (subscription) {
            exchange.response.header("Cache-Control", "no-cache");
            if (!exchange.response.startStream(200, "text/event-stream", subscription::close)
                    || !write(exchange, ": connected\n\n")) {
                return;
            }
            StringBuilder batch = new StringBuilder();
            List<Event> more = new ArrayList<>(BATCH);
            while (true) {
                Event first = subscription.next(HEARTBEAT);
                if (first == null) {
                    if (subscription.finished() || !write(exchange, ": heartbeat\n\n")) {
                        break;
                    }
                    continue;
                }
                if (batch.capacity() > MAX_KEPT_BATCH_CHARS) {
                    batch = new StringBuilder();
                }
                batch.setLength(0);
                appendSse(batch, first);
                Thread.sleep(GATHER);
                more.clear();
                subscription.drainTo(more, BATCH - 1);
                for (Event event : more) {
                    appendSse(batch, event);
                }
                if (!write(exchange, batch.toString())) {
                    break;
                }
            }
            exchange.response.endStream();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.response.endStream();
        }
    }

    private static void appendSse(StringBuilder out, Event event) {
        out.append("id: ").append(event.id()).append("\nevent: ").append(event.type().json).append("\ndata: ");
        event.appendJson(out).append("\n\n");
    }

    /**
     * Hands the text to the connection; false when the consumer is gone, or stuck: what it has not read piles up
     * in the connection only to the api port's limit, and a write that waits longer than WRITE_TIMEOUT cuts it off.
     */
    private static boolean write(ApiExchange exchange, String text) {
        return exchange.response.sendChunk(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET /ws}: upgrades to a WebSocket whose messages are the events. */
    void webSocket(ApiExchange exchange) throws ApiError {
        EventFilter filter = filter(exchange);
        Subscription subscription = subscribe(exchange, filter);
        EventSocket events = new EventSocket(subscription, filter);
        WebSocket socket = WebSocket.accept(exchange.request, exchange.response, MAX_WEBSOCKET_MESSAGE, events,
                subscription::close);
        if (socket == null) {
            subscription.close();
            throw new ApiError(400, "Expected a WebSocket upgrade request");
        }
        events.pump(socket);
    }
}
