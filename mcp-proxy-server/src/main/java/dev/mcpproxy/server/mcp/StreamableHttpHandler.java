package dev.mcpproxy.server.mcp;

import dev.mcpproxy.core.router.DownstreamSession;
import dev.mcpproxy.core.router.McpEndpoint;
import dev.mcpproxy.core.router.ReplySink;
import dev.mcpproxy.core.router.SessionHub;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.rpc.ProtocolVersions;
import dev.mcpproxy.server.http1.Http1Exchange;
import dev.mcpproxy.server.http1.Http1Request;
import java.util.List;
import java.util.Optional;
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
        public void reply(List<byte[]> response) {
        }

        @Override
        public void abandon() {
        }
    };

    private final SessionHub hub;
    private final Heartbeats heartbeats;

    StreamableHttpHandler(SessionHub hub, Heartbeats heartbeats) {
        this.hub = hub;
        this.heartbeats = heartbeats;
    }

    void handle(McpEndpoint endpoint, Http1Request request, Http1Exchange exchange) {
        switch (request.method()) {
            case "POST" -> post(endpoint, request, exchange);
            case "GET" -> get(endpoint, request, exchange);
            case "DELETE" -> delete(endpoint, request, exchange);
            default -> {
                exchange.header("Allow", "GET, POST, DELETE");
                ProxyReplies.rpcError(exchange, 405, JsonRpc.INVALID_REQUEST, "Method not allowed");
            }
        }
    }

    private void post(McpEndpoint endpoint, Http1Request request, Http1Exchange exchange) {
        String accept = headerOr(request, "Accept", "*/*");
        boolean streamAllowed = accept.contains("text/event-stream") || accept.contains("*/*");
        if (!streamAllowed && !accept.contains("application/json")) {
            ProxyReplies.rpcError(exchange, 406, JsonRpc.INVALID_REQUEST,
                    "Not Acceptable: accept application/json and text/event-stream");
            return;
        }
        if (!headerOr(request, "Content-Type", "").contains("application/json")) {
            ProxyReplies.rpcError(exchange, 415, JsonRpc.INVALID_REQUEST,
                    "Unsupported Media Type: send Content-Type: application/json");
            return;
        }
        LargeRequests.withRoom(request, exchange, () -> ProxyReplies.message(request, exchange)
                .ifPresent(message -> dispatch(endpoint, message, request, exchange, streamAllowed)));
    }

    private void dispatch(McpEndpoint endpoint, JsonNode message, Http1Request request, Http1Exchange exchange,
                          boolean streamAllowed) {
        if (message.isArray()) {
            ProxyReplies.rpcError(exchange, 400, JsonRpc.INVALID_REQUEST,
                    "JSON-RPC batches are not supported; send one message per request");
            return;
        }
        boolean initialize = JsonRpc.kind(message) == JsonRpc.Kind.REQUEST
                && JsonRpc.method(message).equals("initialize");
        Optional<DownstreamSession> session = initialize
                ? Optional.of(hub.open(endpoint))
                : existingSession(endpoint, request, exchange);
        if (session.isEmpty()) {
            return;
        }
        if (initialize) {
            exchange.header(SESSION_HEADER, session.get().id());
        }
        if (JsonRpc.kind(message) == JsonRpc.Kind.REQUEST) {
            endpoint.handle(session.get(), message, request.body(), new HttpReplySink(exchange, streamAllowed));
        } else {
            endpoint.handle(session.get(), message, request.body(), NO_REPLY);
            exchange.respond(202, null, null);
        }
    }

    private void get(McpEndpoint endpoint, Http1Request request, Http1Exchange exchange) {
        if (!headerOr(request, "Accept", "").contains("text/event-stream")) {
            ProxyReplies.rpcError(exchange, 406, JsonRpc.INVALID_REQUEST,
                    "Not Acceptable: a GET opens an event stream; accept text/event-stream");
            return;
        }
        Optional<DownstreamSession> found = existingSession(endpoint, request, exchange);
        if (found.isEmpty()) {
            return;
        }
        DownstreamSession session = found.get();
        SseClientStream[] holder = new SseClientStream[1];
        SseWriter writer = SseWriter.open(exchange, () -> {
            session.detachStream(holder[0]);
            heartbeats.remove(holder[0]);
        });
        holder[0] = new SseClientStream(writer);
        if (!session.attachStream(holder[0])) {
            writer.end();
            return;
        }
        heartbeats.add(holder[0]);
    }

    private void delete(McpEndpoint endpoint, Http1Request request, Http1Exchange exchange) {
        existingSession(endpoint, request, exchange).ifPresent(session -> {
            hub.close(session);
            exchange.respond(200, null, null);
        });
    }

    /** The session the request names; when there is none, the error response has been sent. */
    private Optional<DownstreamSession> existingSession(McpEndpoint endpoint, Http1Request request,
                                                        Http1Exchange exchange) {
        String id = request.header(SESSION_HEADER);
        if (id == null) {
            ProxyReplies.rpcError(exchange, 400, JsonRpc.INVALID_REQUEST,
                    "Bad Request: no Mcp-Session-Id header; send initialize first");
            return Optional.empty();
        }
        Optional<DownstreamSession> session = hub.session(id).filter(s -> s.endpoint() == endpoint);
        if (session.isEmpty()) {
            ProxyReplies.rpcError(exchange, 404, JsonRpc.INVALID_REQUEST,
                    "Session not found; it ended or the proxy restarted. Initialize a new session.");
            return Optional.empty();
        }
        String version = request.header(VERSION_HEADER);
        if (version != null && !ProtocolVersions.SUPPORTED.contains(version)) {
            ProxyReplies.rpcError(exchange, 400, JsonRpc.INVALID_REQUEST,
                    "Unsupported MCP-Protocol-Version " + version + "; supported: " + ProtocolVersions.SUPPORTED);
            return Optional.empty();
        }
        return session;
    }

    private static String headerOr(Http1Request request, String header, String fallback) {
        String value = request.header(header);
        return value == null ? fallback : value;
    }
}
