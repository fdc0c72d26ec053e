package dev.mcpproxy.core.router;

import dev.mcpproxy.core.calls.CompletedCall.Outcome;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.json.MessageScanner;
import dev.mcpproxy.core.json.RawMessage;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.ResponseHandler;
import dev.mcpproxy.core.upstream.UpstreamConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A client request handed to an upstream: remembers the client's id and progress token to put them back. */
final class ForwardedCall implements ResponseHandler {

    final DownstreamSession session;
    final JsonNode clientId;
    /** The client's id as text, the call's key among its session's calls in flight. */
    final String key;
    final String method;
    /** The tool or prompt name or resource URI the call is about, for the call log. */
    final String target;
    final ReplySink sink;
    final UpstreamConnection upstream;
    final String proxyProgressToken;
    final JsonNode clientProgressToken;
    final long startNanos = System.nanoTime();
    private final CallsInFlight calls;
    volatile long upstreamId;

    ForwardedCall(CallsInFlight calls, DownstreamSession session, JsonNode clientId, String method, String target,
                  ReplySink sink, UpstreamConnection upstream, String proxyProgressToken,
                  JsonNode clientProgressToken) {
        this.calls = calls;
        this.session = session;
        this.clientId = clientId;
        this.key = JsonRpc.idKey(clientId);
        this.method = method;
        this.target = target;
        this.sink = sink;
        this.upstream = upstream;
        this.proxyProgressToken = proxyProgressToken;
        this.clientProgressToken = clientProgressToken;
    }

    /** Sends a message that belongs to this call to its client, on the call's own stream when it has one. */
    boolean deliver(JsonNode message) {
        return sink.interim(message) || session.send(message);
    }

    @Override
    public void onResponse(ObjectNode response) {
        JsonNode error = response.get("error");
        if (error != null) {
            calls.finished(this, Outcome.ERROR, error.path("message").asString("error"));
        } else if (response.path("result").path("isError").asBoolean(false)) {
            calls.finished(this, Outcome.TOOL_ERROR, "the tool reported an error");
        } else {
            calls.finished(this, Outcome.OK, null);
        }
        response.set("id", clientId);
        sink.reply(response);
    }

    /** Passes a large answer on as its bytes, with the client's id spliced in where the upstream's was. */
    @Override
    public void onRawResponse(RawMessage response) {
        MessageScanner seen = response.seen();
        if (seen.isError()) {
            calls.finished(this, Outcome.ERROR, "the server answered with an error");
        } else if (seen.isToolError()) {
            calls.finished(this, Outcome.TOOL_ERROR, "the tool reported an error");
        } else {
            calls.finished(this, Outcome.OK, null);
        }
        sink.reply(response.withId(Json.writeIdBytes(clientId)));
    }

    @Override
    public void onFailure(int code, String message) {
        calls.finished(this, Outcome.ERROR, message);
        sink.reply(JsonRpc.error(clientId, code, message));
    }
}
