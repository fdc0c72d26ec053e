package dev.mcpproxy.server.http;

import dev.mcpproxy.core.events.Event;
import dev.mcpproxy.core.events.Subscription;
import dev.mcpproxy.core.json.Json;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.eclipse.jetty.websocket.api.Session;
import tools.jackson.databind.JsonNode;

/**
 * One WebSocket consumer of {@code /ws}: a virtual thread sends its events; its messages,
 * {@code {"types": [...], "logs": [...]}}, change what it gets. Public because Jetty calls it through method handles.
 */
public final class EventSocket implements Session.Listener.AutoDemanding {

    /** Completion of one WebSocket send. */
    private static final class Done extends org.eclipse.jetty.websocket.api.Callback.Completable {
    }

    private final Subscription subscription;
    private final EventFilter filter;

    EventSocket(Subscription subscription, EventFilter filter) {
        this.subscription = subscription;
        this.filter = filter;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        Thread.ofVirtual().name("ws-events").start(() -> pump(session));
    }

    private void pump(Session session) {
        try (subscription) {
            while (session.isOpen()) {
                Event event = subscription.next(EventStreams.HEARTBEAT);
                if (event == null) {
                    if (subscription.finished()) {
                        session.close(1008, "too far behind; reconnect with last_event_id",
                                org.eclipse.jetty.websocket.api.Callback.NOOP);
                        return;
                    }
                    if (!sent(session, (s, done) -> s.sendPing(ByteBuffer.allocate(0), done))) {
                        return;
                    }
                    continue;
                }
                if (!sent(session, (s, done) -> s.sendText(event.json(), done))) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends and waits; a consumer that does not take it in time is disconnected. */
    private static boolean sent(Session session, BiConsumer<Session, Done> send)
            throws InterruptedException {
        Done done = new Done();
        send.accept(session, done);
        try {
            done.get(EventStreams.WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            session.disconnect();
            return false;
        }
    }

    @Override
    public void onWebSocketText(String message) {
        JsonNode request;
        try {
            request = Json.parse(message);
        } catch (Json.MalformedJsonException e) {
            return;
        }
        JsonNode logs = request.path("logs");
        if (logs.isArray()) {
            filter.logServers = logs.valueStream().filter(JsonNode::isString).map(JsonNode::asString)
                    .collect(Collectors.toUnmodifiableSet());
        }
        JsonNode types = request.path("types");
        if (types.isArray()) {
            try {
                filter.types = EventFilter.types(types.valueStream().map(JsonNode::asString)
                        .collect(Collectors.joining(",")));
            } catch (EventFilter.UnknownTypeException e) {
                // A message naming a type that does not exist changes nothing, as a refused ?types= would not.
            }
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        subscription.close();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        subscription.close();
    }
}
