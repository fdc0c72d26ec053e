package dev.mcpproxy.core.router;

import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.ResponseHandler;
import dev.mcpproxy.core.upstream.UpstreamConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A client request handed to an upstream: remembers the client's id and progress token to put them back. */
final class ForwardedCall implements ResponseHandler {

    final DownstreamSession session;
    final JsonNode clientId;
    final String method;
    final ReplySink sink;
    final UpstreamConnection upstream;
    final String proxyProgressToken;
    final JsonNode clientProgressToken;
    final long startNanos = System.nanoTime();
    private final SessionHub hub;
    volatile long upstreamId;

    ForwardedCall(SessionHub hub, DownstreamSession session, JsonNode clientId, String method, ReplySink sink,
                  UpstreamConnection upstream, String proxyProgressToken, JsonNode clientProgressToken) {
        this.hub = hub;
        this.session = session;
        this.clientId = clientId;
        this.method = method;
        this.sink = sink;
        this.upstream = upstream;
        this.proxyProgressToken = proxyProgressToken;
        this.clientProgressToken = clientProgressToken;
    }

    String key() {
        return clientId.toString();
    }

    /** Sends a message that belongs to this call to its client, on the call's own stream when it has one. */
    boolean deliver(JsonNode message) {
        return sink.interim(message) || session.send(message);
    }

    @Override
    public void onResponse(ObjectNode response) {
        hub.finished(this);
        response.set("id", clientId);
        sink.reply(response);
    }

    @Override
    public void onFailure(int code, String message) {
        hub.finished(this);
        sink.reply(JsonRpc.error(clientId, code, message));
    }
}
