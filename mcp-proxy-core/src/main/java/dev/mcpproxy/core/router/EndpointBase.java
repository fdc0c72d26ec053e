package dev.mcpproxy.core.router;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.rpc.ProtocolVersions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What every endpoint does alike: the handshake, ping, cancellation, and answers to upstream requests. */
abstract class EndpointBase implements McpEndpoint {

    protected final SessionHub hub;
    protected final Upstreams upstreams;
    private final CallsInFlight calls;

    EndpointBase(SessionHub hub, Upstreams upstreams) {
        this.hub = hub;
        this.upstreams = upstreams;
        this.calls = hub.calls();
    }

    @Override
    public final void handle(DownstreamSession session, JsonNode message, byte[] text, ReplySink sink) {
        session.touch();
        switch (JsonRpc.kind(message)) {
            case REQUEST -> request(session, (ObjectNode) message, text, sink);
            case NOTIFICATION -> notification(session, (ObjectNode) message);
            case RESPONSE -> hub.requests().answered(session, (ObjectNode) message);
            case INVALID -> sink.reply(JsonRpc.error(message.path("id").isMissingNode() ? null : message.get("id"),
                    JsonRpc.INVALID_REQUEST, "Not a JSON-RPC 2.0 request, notification or response"));
        }
    }

    private void request(DownstreamSession session, ObjectNode request, byte[] text, ReplySink sink) {
        JsonNode id = request.get("id");
        switch (JsonRpc.method(request)) {
            case "initialize" -> {
                JsonNode params = JsonRpc.params(request);
                String version = ProtocolVersions.negotiate(params.path("protocolVersion").asString(""));
                session.initialized(version, params.path("capabilities"), params.path("clientInfo"));
                ObjectNode result = initializeResult(session);
                result.put("protocolVersion", version);
                sink.reply(JsonRpc.result(id, result));
            }
            case "ping" -> sink.reply(JsonRpc.result(id, Json.object()));
            default -> route(session, request, text, sink);
        }
    }

    private void notification(DownstreamSession session, ObjectNode notification) {
        switch (JsonRpc.method(notification)) {
            case "notifications/initialized" -> { }
            case "notifications/cancelled" -> calls.clientCancelled(session, JsonRpc.params(notification));
            default -> broadcastUpstream(notification);
        }
    }

    /** A client notification the proxy has no use for itself (roots changed, and any newer kind) goes upstream. */
    protected abstract void broadcastUpstream(ObjectNode notification);

    protected abstract ObjectNode initializeResult(DownstreamSession session);

    /** @param text the JSON text the request was read from, or null (see {@link McpEndpoint#handle}) */
    protected abstract void route(DownstreamSession session, ObjectNode request, byte[] text, ReplySink sink);

    /**
     * Forwards to a named server, or answers with an error saying it is not up.
     *
     * @param upstreamName the server's own name for the tool or prompt the request names, if the client's differs
     */
    protected void forwardTo(String server, String upstreamName, DownstreamSession session, ObjectNode request,
                             byte[] text, ReplySink sink) {
        upstreams.get(server).ifPresentOrElse(live -> calls.forward(session, request, text, upstreamName,
                        live.connection(), sink, live.config().requestTimeout()),
                () -> sink.reply(JsonRpc.error(request.get("id"), JsonRpc.INTERNAL_ERROR,
                        "Server " + server + " is not running right now; MCP Proxy restarts it when it can")));
    }
}
