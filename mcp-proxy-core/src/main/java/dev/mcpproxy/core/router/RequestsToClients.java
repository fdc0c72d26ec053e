package dev.mcpproxy.core.router;

import dev.mcpproxy.core.router.CallsInFlight.ForwardedCall;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.UpstreamConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests an upstream makes of a client (sampling, elicitation, roots), sent to the client under an id of the
 * proxy's own, and the client's answer sent back under the upstream's. A request whose client went away, or that no
 * client can take, is refused at once, so that the upstream never waits for an answer that cannot come.
 */
final class RequestsToClients {

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** A request an upstream made of a client, waiting for the client's answer. */
    private record Waiting(UpstreamConnection upstream, JsonNode upstreamId, DownstreamSession session) {
    }

    /** The proxy's ids for requests to clients are strings of its own making; anything else is not ours. */
    private static String key(JsonNode id) {
        return id.isString() ? id.asString() : "";
    }

    /** Sends {@code request} to {@code session}, on the stream of the call it came during when there is one. */
    void send(UpstreamConnection from, ObjectNode request, DownstreamSession session, ForwardedCall during) {
        String proxyId = "s" + ids.incrementAndGet();
        JsonNode upstreamId = request.get("id");
        waiting.put(proxyId, new Waiting(from, upstreamId, session));
        request.put("id", proxyId);
        boolean sent = during == null ? session.send(request) : during.deliver(request);
        if (!sent && waiting.remove(proxyId) != null) {
            refuse(from, upstreamId, "The client has no open stream to receive " + JsonRpc.method(request));
        }
    }

    /** The client answered a request an upstream made of it. */
    void answered(DownstreamSession session, ObjectNode response) {
        String key = key(response.path("id"));
        Waiting request = waiting.get(key);
        if (request == null || request.session() != session || !waiting.remove(key, request)) {
            return;
        }
        response.set("id", request.upstreamId());
        request.upstream().sendQuietly(response);
    }

    /** The upstream cancelled a request it made of a client: the client is told, under the proxy's id. */
    void cancelled(UpstreamConnection from, JsonNode params, ObjectNode notification) {
        String upstreamId = params.path("requestId").toString();
        waiting.entrySet().removeIf(e -> {
            Waiting r = e.getValue();
            if (r.upstream() != from || !r.upstreamId().toString().equals(upstreamId)) {
                return false;
            }
            ((ObjectNode) params).put("requestId", e.getKey());
            r.session().send(notification);
            return true;
        });
    }

    /** The session ended: the requests waiting on it are refused. */
    void refuseAll(DownstreamSession session) {
        waiting.entrySet().removeIf(e -> {
            if (e.getValue().session() != session) {
                return false;
            }
            refuse(e.getValue().upstream(), e.getValue().upstreamId(), "The client that was asked went away");
            return true;
        });
    }

    /** The upstream is gone: nobody waits for its requests' answers any more. */
    void forget(UpstreamConnection upstream) {
        waiting.entrySet().removeIf(e -> e.getValue().upstream() == upstream);
    }

    static void refuse(UpstreamConnection upstream, JsonNode id, String message) {
        upstream.sendQuietly(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, message));
    }
}
