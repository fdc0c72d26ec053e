package dev.mcpproxy.core.router;

import dev.mcpproxy.core.calls.CallLog;
import dev.mcpproxy.core.calls.CompletedCall;
import dev.mcpproxy.core.calls.CompletedCall.Outcome;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.InboundHandler;
import dev.mcpproxy.core.upstream.UpstreamConnection;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ties client sessions to upstream connections: forwards requests with ids and progress tokens remapped,
 * and carries what upstreams send on their own (progress, logs, requests to the client, list changes)
 * back to the client sessions they belong to.
 */
public final class SessionHub implements InboundHandler {

    private static final System.Logger LOG = System.getLogger("mcp-proxy.sessions");
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Sessions kept at most. Most clients go away without ending their session, so without a bound a proxy that
     * runs for weeks would keep every session any client ever opened; a client whose session was ended gets 404
     * and initializes anew, as the specification provides.
     */
    static final int MAX_SESSIONS = 1000;

    private final Map<String, DownstreamSession> sessions = new ConcurrentHashMap<>();
    private final Map<UpstreamConnection, Set<ForwardedCall>> callsByUpstream = new ConcurrentHashMap<>();
    private final Map<String, ForwardedCall> callsByProgressToken = new ConcurrentHashMap<>();
    private final Map<String, ClientRequest> clientRequests = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final CallLog callLog;
    private volatile UpstreamNotifications notifications = new UpstreamNotifications() {
        @Override
        public void onUpstreamNotification(UpstreamConnection from, ObjectNode notification) {
        }

        @Override
        public void onUpstreamClosed(UpstreamConnection from, String reason) {
        }
    };

    /** A request an upstream made of a client, waiting for the client's answer. */
    private record ClientRequest(UpstreamConnection upstream, JsonNode upstreamId, DownstreamSession session) {
    }

    /** The proxy's ids for requests to clients are strings of its own making; anything else is not ours. */
    private static String clientRequestKey(JsonNode id) {
        return id.isString() ? id.asString() : "";
    }

    public SessionHub(CallLog calls) {
        this.callLog = calls;
    }

    /** Who hears list changes, resource updates and lost upstreams: the aggregate endpoint. */
    public void listen(UpstreamNotifications listener) {
        this.notifications = listener;
    }

    public DownstreamSession open(McpEndpoint endpoint) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        DownstreamSession session = new DownstreamSession(HexFormat.of().formatHex(id), endpoint);
        sessions.put(session.id(), session);
        if (sessions.size() > MAX_SESSIONS) {
            endIdleSessions(session);
        }
        return session;
    }

    /** Ends the sessions idle longest (no stream open, nothing in flight) until the bound holds again. */
    private synchronized void endIdleSessions(DownstreamSession opened) {
        List<DownstreamSession> idle = sessions.values().stream()
                .filter(s -> s != opened && s.isIdle())
                .sorted(Comparator.comparingLong(DownstreamSession::lastActive))
                .limit(Math.max(0, sessions.size() - MAX_SESSIONS))
                .toList();
        idle.forEach(this::close);
        if (!idle.isEmpty()) {
            LOG.log(Level.INFO, "Ended " + idle.size() + " idle client session(s): more than " + MAX_SESSIONS
                    + " were open");
        }
    }

    public Optional<DownstreamSession> session(String id) {
        return Optional.ofNullable(id == null ? null : sessions.get(id));
    }

    public Collection<DownstreamSession> sessions() {
        return sessions.values();
    }

    /** Ends a session: its calls are cancelled upstream, and upstream requests waiting on it are refused. */
    public void close(DownstreamSession session) {
        sessions.remove(session.id());
        ClientStream stream = session.markClosed();
        if (stream != null) {
            stream.close();
        }
        for (ForwardedCall call : session.inFlight().values()) {
            cancel(call, "client disconnected");
        }
        clientRequests.entrySet().removeIf(e -> {
            if (e.getValue().session() != session) {
                return false;
            }
            refuse(e.getValue().upstream(), e.getValue().upstreamId(), "The client that was asked went away");
            return true;
        });
    }

    /** Sends a client's request to an upstream; the answer goes to {@code sink} with the client's id. */
    public void forward(DownstreamSession session, ObjectNode request, UpstreamConnection upstream, ReplySink sink,
                        Duration timeout) {
        JsonNode clientId = request.get("id");
        String proxyToken = null;
        JsonNode clientToken = null;
        JsonNode meta = request.path("params").path("_meta");
        if (meta instanceof ObjectNode metaObject && metaObject.has("progressToken")) {
            clientToken = metaObject.get("progressToken");
            proxyToken = "p" + counter.incrementAndGet();
            metaObject.put("progressToken", proxyToken);
        }
        JsonNode params = request.path("params");
        String target = params.path("name").asString(params.path("uri").asString(""));
        ForwardedCall call = new ForwardedCall(this, session, clientId, JsonRpc.method(request), target, sink,
                upstream, proxyToken, clientToken);
        session.inFlight().put(call.key, call);
        callsByUpstream.computeIfAbsent(upstream, u -> ConcurrentHashMap.newKeySet()).add(call);
        if (proxyToken != null) {
            callsByProgressToken.put(proxyToken, call);
        }
        call.upstreamId = upstream.forward(request, call, timeout);
    }

    void finished(ForwardedCall call, Outcome outcome, String error) {
        call.session.inFlight().remove(call.key, call);
        Set<ForwardedCall> calls = callsByUpstream.get(call.upstream);
        if (calls != null) {
            calls.remove(call);
        }
        if (call.proxyProgressToken != null) {
            callsByProgressToken.remove(call.proxyProgressToken);
        }
        long duration = System.nanoTime() - call.startNanos;
        callLog.record(new CompletedCall(callLog.nextId(), Instant.now().minusNanos(duration), duration,
                call.session.id(), call.session.clientName(), call.method, call.upstream.serverName(), call.target,
                outcome, Optional.ofNullable(error)));
    }

    /** The client answered a request an upstream made of it. */
    public void clientResponse(DownstreamSession session, ObjectNode response) {
        String key = clientRequestKey(response.path("id"));
        ClientRequest request = clientRequests.get(key);
        if (request == null || request.session() != session || !clientRequests.remove(key, request)) {
            return;
        }
        response.set("id", request.upstreamId());
        request.upstream().sendQuietly(response);
    }

    /** The client cancelled one of its requests. */
    public void clientCancelled(DownstreamSession session, JsonNode params) {
        ForwardedCall call = session.inFlight().get(JsonRpc.idKey(params.path("requestId")));
        if (call != null) {
            cancel(call, params.path("reason").asString("cancelled by the client"));
        }
    }

    private void cancel(ForwardedCall call, String reason) {
        if (call.upstream.cancel(call.upstreamId, reason)) {
            finished(call, Outcome.CANCELLED, reason);
            call.sink.abandon();
        }
    }

    @Override
    public void onRequest(UpstreamConnection from, ObjectNode request) {
        String method = JsonRpc.method(request);
        if (method.equals("ping")) {
            from.sendQuietly(JsonRpc.result(request.get("id"), Json.object()));
            return;
        }
        String capability = switch (method) {
            case "sampling/createMessage" -> "sampling";
            case "elicitation/create" -> "elicitation";
            case "roots/list" -> "roots";
            default -> null;
        };
        Optional<ForwardedCall> cause = latestCall(from, capability);
        Optional<DownstreamSession> target = cause.map(c -> c.session).or(() -> anySession(from, capability));
        if (target.isEmpty()) {
            refuse(from, request.get("id"), "No connected client can answer " + method
                    + (capability == null ? "" : " (none declared the " + capability + " capability)"));
            return;
        }
        String proxyId = "s" + counter.incrementAndGet();
        JsonNode upstreamId = request.get("id");
        clientRequests.put(proxyId, new ClientRequest(from, upstreamId, target.get()));
        request.put("id", proxyId);
        boolean sent = cause.map(c -> c.deliver(request)).orElseGet(() -> target.get().send(request));
        if (!sent && clientRequests.remove(proxyId) != null) {
            refuse(from, upstreamId, "The client has no open stream to receive " + method);
        }
    }

    @Override
    public void onNotification(UpstreamConnection from, ObjectNode notification) {
        String method = JsonRpc.method(notification);
        JsonNode params = JsonRpc.params(notification);
        switch (method) {
            case "notifications/progress" -> progress(params, notification);
            case "notifications/cancelled" -> upstreamCancelled(from, params, notification);
            case "notifications/message" -> logMessage(from, params, notification);
            default -> {
                notifications.onUpstreamNotification(from, notification);
                scopedSessions(from).forEach(s -> s.send(notification));
            }
        }
    }

    @Override
    public void onClosed(UpstreamConnection from, String reason) {
        callsByUpstream.remove(from);
        clientRequests.entrySet().removeIf(e -> e.getValue().upstream() == from);
        notifications.onUpstreamClosed(from, reason);
    }

    private void progress(JsonNode params, ObjectNode notification) {
        ForwardedCall call = callsByProgressToken.get(params.path("progressToken").asString(""));
        if (call != null && params instanceof ObjectNode p) {
            p.set("progressToken", call.clientProgressToken);
            call.deliver(notification);
        }
    }

    private void upstreamCancelled(UpstreamConnection from, JsonNode params, ObjectNode notification) {
        String upstreamId = params.path("requestId").toString();
        clientRequests.entrySet().removeIf(e -> {
            ClientRequest r = e.getValue();
            if (r.upstream() != from || !r.upstreamId().toString().equals(upstreamId)) {
                return false;
            }
            ((ObjectNode) params).put("requestId", e.getKey());
            r.session().send(notification);
            return true;
        });
    }

    /** Log lines go with a call in flight to the client that made it, otherwise to every client's stream. */
    private void logMessage(UpstreamConnection from, JsonNode params, ObjectNode notification) {
        LogLevel level = LogLevel.parse(params.path("level").asString("info")).orElse(LogLevel.INFO);
        Set<DownstreamSession> reached = new HashSet<>();
        for (ForwardedCall call : callsByUpstream.getOrDefault(from, Set.of())) {
            if (wants(call.session, level) && reached.add(call.session)) {
                call.deliver(notification);
            }
        }
        for (DownstreamSession s : sessionsSeeing(from)) {
            if (!reached.contains(s) && wants(s, level)) {
                s.send(notification);
            }
        }
    }

    private static boolean wants(DownstreamSession session, LogLevel level) {
        return session.logLevel().map(min -> level.compareTo(min) >= 0).orElse(true);
    }

    private Optional<ForwardedCall> latestCall(UpstreamConnection from, String capability) {
        return callsByUpstream.getOrDefault(from, Set.of()).stream()
                .filter(c -> capability == null || c.session.declares(capability))
                .max(Comparator.comparingLong(c -> c.startNanos));
    }

    /** The most recently active session that declared the capability, one with a stream open first. */
    private Optional<DownstreamSession> anySession(UpstreamConnection from, String capability) {
        return sessionsSeeing(from).stream()
                .filter(s -> capability == null || s.declares(capability))
                .max(Comparator.comparing(DownstreamSession::hasStream)
                        .thenComparingLong(DownstreamSession::lastActive));
    }

    /** Sessions of the aggregate endpoint and of this upstream's own endpoint. */
    private List<DownstreamSession> sessionsSeeing(UpstreamConnection from) {
        return sessions.values().stream()
                .filter(s -> s.endpoint().serverScope().map(from.serverName()::equals).orElse(true))
                .toList();
    }

    private List<DownstreamSession> scopedSessions(UpstreamConnection from) {
        return sessions.values().stream()
                .filter(s -> s.endpoint().serverScope().map(from.serverName()::equals).orElse(false))
                .toList();
    }

    private static void refuse(UpstreamConnection upstream, JsonNode id, String message) {
        upstream.sendQuietly(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, message));
    }
}
