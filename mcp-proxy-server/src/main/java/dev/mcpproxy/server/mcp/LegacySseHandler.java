package dev.mcpproxy.server.mcp;

import dev.mcpproxy.core.router.DownstreamSession;
import dev.mcpproxy.core.router.McpEndpoint;
import dev.mcpproxy.core.router.ReplySink;
import dev.mcpproxy.core.router.SessionHub;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.server.http1.Http1Exchange;
import dev.mcpproxy.server.http1.Http1Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP+SSE transport of protocol 2024-11-05: a GET opens the event stream and learns where to POST;
 * every answer travels back on that stream. The session lives as long as the stream.
 */
final class LegacySseHandler {

    private static final byte[] ACCEPTED = "Accepted".getBytes(StandardCharsets.US_ASCII);

    private final SessionHub hub;
    private final Heartbeats heartbeats;

    LegacySseHandler(SessionHub hub, Heartbeats heartbeats) {
        this.hub = hub;
        this.heartbeats = heartbeats;
    }

    void openStream(McpEndpoint endpoint, String messagesPath, Http1Exchange exchange) {
        DownstreamSession session = hub.open(endpoint);
        SseClientStream[] holder = new SseClientStream[1];
        SseWriter writer = SseWriter.open(exchange, () -> {
            heartbeats.remove(holder[0]);
            hub.close(session);
        });
        holder[0] = new SseClientStream(writer);
        session.attachStream(holder[0]);
        writer.sendEvent("endpoint", messagesPath + "?sessionId=" + session.id());
        heartbeats.add(holder[0]);
    }

    void post(McpEndpoint endpoint, Http1Request request, Http1Exchange exchange) {
        Optional<DownstreamSession> session = hub.session(request.queryParameter("sessionId"))
                .filter(s -> s.endpoint() == endpoint);
        if (session.isEmpty()) {
            ProxyReplies.rpcError(exchange, 404, JsonRpc.INVALID_REQUEST,
                    "Session not found; open the event stream (GET) first and POST to the endpoint it names");
            return;
        }
        LargeRequests.withRoom(request, exchange, () -> ProxyReplies.message(request, exchange).ifPresent(message -> {
            endpoint.handle(session.get(), message, request.body(), new StreamReplySink(session.get()));
            exchange.respond(202, "text/plain", ACCEPTED);
        }));
    }

    /** On this transport everything for a request, answer included, goes on the session's stream. */
    private record StreamReplySink(DownstreamSession session) implements ReplySink {
        @Override
        public boolean interim(JsonNode message) {
            return false;
        }

        @Override
        public void reply(JsonNode response) {
            session.send(response);
        }

        @Override
        public void reply(List<byte[]> response) {
            session.send(response);
        }

        @Override
        public void abandon() {
        }
    }
}
