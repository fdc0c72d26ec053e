package dev.mcpproxy.server.api;

import dev.mcpproxy.core.events.Event;
import dev.mcpproxy.core.events.Subscription;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.http1.WebSocket;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * One WebSocket consumer of {@code /ws}: its request's virtual thread sends it the events; its messages,
 * {@code {"types": [...], "logs": [...]}}, change what it gets.
 */
final class EventSocket implements WebSocket.Listener {

    private final Subscription subscription;
    private final EventFilter filter;

    EventSocket(Subscription subscription, EventFilter filter) {
        this.subscription = subscription;
        this.filter = filter;
    }

    /** Sends the events until the socket ends or the consumer falls too far behind. */
    void pump(WebSocket socket) {
        try (subscription) {
            while (socket.isOpen()) {
                Event event = subscription.next(EventStreams.HEARTBEAT);
                if (event == null) {
                    if (subscription.finished()) {
                        if (subscription.dropped()) {
                            socket.close(1008, "too far behind; reconnect with last_event_id");
                        }
                        return;
                    }
                    if (!socket.sendPing()) {
                        return;
                    }
                    continue;
                }
                if (!socket.sendText(event.json())) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.close(1001, "shutting down");
        }
    }

    @Override
    public void onText(String message) {
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
}
