package dev.mcpproxy.core.router;

import dev.mcpproxy.core.calls.CallLog;
import dev.mcpproxy.core.calls.CompletedCall;
import dev.mcpproxy.core.calls.CompletedCall.Outcome;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.UpstreamConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client requests upstreams are serving: each forwarded once, found again by the upstream that serves it (what
 * that upstream sends meanwhile belongs to it) or by its progress token, ended once (answered, failed or cancelled)
 * and then logged.
 */
final class CallsInFlight {

    private final Map<UpstreamConnection, Set<ForwardedCall>> byUpstream = new ConcurrentHashMap<>();
    private final Map<String, ForwardedCall> byProgressToken = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private final CallLog callLog;

    CallsInFlight(CallLog callLog) {
        this.callLog = callLog;
    }

    /** Sends a client's request to an upstream; the answer goes to {@code sink} with the client's id. */
    void forward(DownstreamSession session, ObjectNode request, UpstreamConnection upstream, ReplySink sink,
                 Duration timeout) {
        JsonNode clientId = request.get("id");
        String proxyToken = null;
        JsonNode clientToken = null;
        JsonNode meta = request.path("params").path("_meta");
        if (meta instanceof ObjectNode metaObject && metaObject.has("progressToken")) {
            clientToken = metaObject.get("progressToken");
            proxyToken = "p" + tokens.incrementAndGet();
            metaObject.put("progressToken", proxyToken);
        }
        JsonNode params = request.path("params");
        String target = params.path("name").asString(params.path("uri").asString(""));
        ForwardedCall call = new ForwardedCall(this, session, clientId, JsonRpc.method(request), target, sink,
                upstream, proxyToken, clientToken);
        session.inFlight().put(call.key, call);
        byUpstream.computeIfAbsent(upstream, u -> ConcurrentHashMap.newKeySet()).add(call);
        if (proxyToken != null) {
            byProgressToken.put(proxyToken, call);
        }
        call.upstreamId = upstream.forward(request, call, timeout);
    }

    void finished(ForwardedCall call, Outcome outcome, String error) {
        call.session.inFlight().remove(call.key, call);
        Set<ForwardedCall> calls = byUpstream.get(call.upstream);
        if (calls != null) {
            calls.remove(call);
        }
        if (call.proxyProgressToken != null) {
            byProgressToken.remove(call.proxyProgressToken);
        }
        long duration = System.nanoTime() - call.startNanos;
        callLog.record(new CompletedCall(callLog.nextId(), Instant.now().minusNanos(duration), duration,
                call.session.id(), call.session.clientName(), call.method, call.upstream.serverName(), call.target,
                outcome, Optional.ofNullable(error)));
    }

    /** The client cancelled one of its requests. */
    void clientCancelled(DownstreamSession session, JsonNode params) {
        ForwardedCall call = session.inFlight().get(JsonRpc.idKey(params.path("requestId")));
        if (call != null) {
            cancel(call, params.path("reason").asString("cancelled by the client"));
        }
    }

    /** The session ended: its calls are cancelled upstream. */
    void cancelAll(DownstreamSession session) {
        for (ForwardedCall call : session.inFlight().values()) {
            cancel(call, "client disconnected");
        }
    }

    private void cancel(ForwardedCall call, String reason) {
        if (call.upstream.cancel(call.upstreamId, reason)) {
            finished(call, Outcome.CANCELLED, reason);
            call.sink.abandon();
        }
    }

    /** The calls {@code upstream} is serving. */
    Set<ForwardedCall> servedBy(UpstreamConnection upstream) {
        return byUpstream.getOrDefault(upstream, Set.of());
    }

    /** The call {@code upstream} serves that started last, of a client that declared the capability (if any). */
    Optional<ForwardedCall> latest(UpstreamConnection upstream, String capability) {
        return servedBy(upstream).stream()
                .filter(c -> capability == null || c.session.declares(capability))
                .max(Comparator.comparingLong(c -> c.startNanos));
    }

    ForwardedCall withProgressToken(String proxyToken) {
        return byProgressToken.get(proxyToken);
    }

    /** The upstream is gone; its connection failed every call it was serving. */
    void forget(UpstreamConnection upstream) {
        byUpstream.remove(upstream);
    }
}
