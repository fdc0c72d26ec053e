package dev.mcpproxy.server.http;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.router.DownstreamSession;
import dev.mcpproxy.core.router.McpEndpoint;
import dev.mcpproxy.core.router.ProtocolVersions;
import dev.mcpproxy.core.router.ReplySink;
import dev.mcpproxy.core.router.SessionHub;
import dev.mcpproxy.core.rpc.JsonRpc;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.JsonNode;

/** MCP streamable HTTP (2025-03-26 and later): POST messages, GET a standing stream, DELETE the session. */
final class StreamableHttpHandler {

    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    private static final ReplySink NO_REPLY = new ReplySink() {
        @Override
        public boolean interim(JsonNode message) {
            return false;
        }

        @Override
        public void reply(JsonNode response) {
        }

        @Override
        public void abandon() {
        }
    };

    private final SessionHub hub;
    private final int maxBodyBytes;
    private final Heartbeats heartbeats;

    StreamableHttpHandler(SessionHub hub, int maxBodyBytes, Heartbeats heartbeats) {
        this.hub = hub;
        this.maxBodyBytes = maxBodyBytes;
        this.heartbeats = heartbeats;
    }

    void handle(McpEndpoint endpoint, Request request, Response response, Callback callback) throws Exception {
        switch (request.getMethod()) {
            case "POST" -> post(endpoint, request, response, callback);
            case "GET" -> get(endpoint, request, response, callback);
            case "DELETE" -> delete(endpoint, request, response, callback);
            default -> {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, POST, DELETE");
                Responses.rpcError(response, callback, 405, JsonRpc.INVALID_REQUEST, "Method not allowed");
            }
        }
    }

    private void post(McpEndpoint endpoint, Request request, Response response, Callback callback) throws Exception {
        String accept = headerOr(request, HttpHeader.ACCEPT, "*/*");
        boolean streamAllowed = accept.contains("text/event-stream") || accept.contains("*/*");
        if (!streamAllowed && !accept.contains("application/json")) {
            Responses.rpcError(response, callback, 406, JsonRpc.INVALID_REQUEST,
                    "Not Acceptable: accept application/json and text/event-stream");
            return;
        }
        if (!headerOr(request, HttpHeader.CONTENT_TYPE, "").contains("application/json")) {
            Responses.rpcError(response, callback, 415, JsonRpc.INVALID_REQUEST,
                    "Unsupported Media Type: send Content-Type: application/json");
            return;
        }
        JsonBodies.read(request, response, callback, maxBodyBytes,
                message -> dispatch(endpoint, message, request, response, callback, streamAllowed));
    }

    private void dispatch(McpEndpoint endpoint, JsonNode message, Request request, Response response,
                          Callback callback, boolean streamAllowed) {
        if (message.isArray()) {
            Responses.rpcError(response, callback, 400, JsonRpc.INVALID_REQUEST,
                    "JSON-RPC batches are not supported; send one message per request");
            return;
        }
        boolean initialize = JsonRpc.kind(message) == JsonRpc.Kind.REQUEST
                && JsonRpc.method(message).equals("initialize");
        Optional<DownstreamSession> session = initialize
                ? Optional.of(hub.open(endpoint))
                : existingSession(endpoint, request, response, callback);
        if (session.isEmpty()) {
            return;
        }
        if (initialize) {
            response.getHeaders().put(SESSION_HEADER, session.get().id());
        }
        if (JsonRpc.kind(message) == JsonRpc.Kind.REQUEST) {
            endpoint.handle(session.get(), message, new HttpReplySink(response, callback, streamAllowed));
        } else {
            endpoint.handle(session.get(), message, NO_REPLY);
            Responses.empty(response, callback, 202);
        }
    }

    private void get(McpEndpoint endpoint, Request request, Response response, Callback callback) {
        if (!headerOr(request, HttpHeader.ACCEPT, "").contains("text/event-stream")) {
            Responses.rpcError(response, callback, 406, JsonRpc.INVALID_REQUEST,
                    "Not Acceptable: a GET opens an event stream; accept text/event-stream");
            return;
        }
        Optional<DownstreamSession> found = existingSession(endpoint, request, response, callback);
        if (found.isEmpty()) {
            return;
        }
        DownstreamSession session = found.get();
        SseClientStream[] holder = new SseClientStream[1];
        SseWriter writer = SseWriter.open(response, callback, () -> {
            session.detachStream(holder[0]);
            heartbeats.remove(holder[0]);
        });
        holder[0] = new SseClientStream(writer);
        if (!session.attachStream(holder[0])) {
            writer.end();
            return;
        }
        request.addFailureListener(failure -> writer.end());
        heartbeats.add(holder[0]);
    }

    private void delete(McpEndpoint endpoint, Request request, Response response, Callback callback) {
        existingSession(endpoint, request, response, callback).ifPresent(session -> {
            hub.close(session);
            Responses.empty(response, callback, 200);
        });
    }

    /** The session the request names; when there is none, the error response has been sent. */
    private Optional<DownstreamSession> existingSession(McpEndpoint endpoint, Request request, Response response,
                                                        Callback callback) {
        String id = request.getHeaders().get(SESSION_HEADER);
        if (id == null) {
            Responses.rpcError(response, callback, 400, JsonRpc.INVALID_REQUEST,
                    "Bad Request: no Mcp-Session-Id header; send initialize first");
            return Optional.empty();
        }
        Optional<DownstreamSession> session = hub.session(id).filter(s -> s.endpoint() == endpoint);
        if (session.isEmpty()) {
            Responses.rpcError(response, callback, 404, JsonRpc.INVALID_REQUEST,
                    "Session not found; it ended or the proxy restarted. Initialize a new session.");
            return Optional.empty();
        }
        String version = request.getHeaders().get(VERSION_HEADER);
        if (version != null && !ProtocolVersions.SUPPORTED.contains(version)) {
            Responses.rpcError(response, callback, 400, JsonRpc.INVALID_REQUEST,
                    "Unsupported MCP-Protocol-Version " + version + "; supported: " + ProtocolVersions.SUPPORTED);
            return Optional.empty();
        }
        return session;
    }

    private static String headerOr(Request request, HttpHeader header, String fallback) {
        String value = request.getHeaders().get(header);
        return value == null ? fallback : value;
    }
}
