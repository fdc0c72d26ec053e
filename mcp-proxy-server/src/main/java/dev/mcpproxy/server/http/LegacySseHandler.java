package dev.mcpproxy.server.http;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.router.DownstreamSession;
import dev.mcpproxy.core.router.McpEndpoint;
import dev.mcpproxy.core.router.ReplySink;
import dev.mcpproxy.core.router.SessionHub;
import dev.mcpproxy.core.rpc.JsonRpc;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP+SSE transport of protocol 2024-11-05: a GET opens the event stream and learns where to POST;
 * every answer travels back on that stream. The session lives as long as the stream.
 */
final class LegacySseHandler {

    private final SessionHub hub;
    private final int maxBodyBytes;
    private final Heartbeats heartbeats;

    LegacySseHandler(SessionHub hub, int maxBodyBytes, Heartbeats heartbeats) {
        this.hub = hub;
        this.maxBodyBytes = maxBodyBytes;
        this.heartbeats = heartbeats;
    }

    void openStream(McpEndpoint endpoint, String messagesPath, Request request, Response response, Callback callback) {
        DownstreamSession session = hub.open(endpoint);
        SseClientStream[] holder = new SseClientStream[1];
        SseWriter writer = SseWriter.open(response, callback, () -> {
            heartbeats.remove(holder[0]);
            hub.close(session);
        });
        holder[0] = new SseClientStream(writer);
        session.attachStream(holder[0]);
        request.addFailureListener(failure -> writer.end());
        writer.sendEvent("endpoint", messagesPath + "?sessionId=" + session.id());
        heartbeats.add(holder[0]);
    }

    void post(McpEndpoint endpoint, Request request, Response response, Callback callback) throws Exception {
        Fields query = Request.extractQueryParameters(request);
        Optional<DownstreamSession> session = hub.session(query.getValue("sessionId"))
                .filter(s -> s.endpoint() == endpoint);
        if (session.isEmpty()) {
            Responses.rpcError(response, callback, 404, JsonRpc.INVALID_REQUEST,
                    "Session not found; open the event stream (GET) first and POST to the endpoint it names");
            return;
        }
        JsonBodies.read(request, response, callback, maxBodyBytes, message -> {
            endpoint.handle(session.get(), message, new StreamReplySink(session.get()));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            response.setStatus(202);
            response.write(true, ByteBuffer.wrap("Accepted".getBytes(StandardCharsets.US_ASCII)), callback);
        });
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
        public void abandon() {
        }
    }
}
