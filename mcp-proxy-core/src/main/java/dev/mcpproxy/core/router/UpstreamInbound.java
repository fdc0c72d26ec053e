package dev.mcpproxy.core.router;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.router.CallsInFlight.ForwardedCall;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.InboundHandler;
import dev.mcpproxy.core.upstream.UpstreamConnection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What upstreams send on their own, carried to the client sessions it belongs to: a request to a client goes to the
 * client of the call it came during (else to the session most likely to answer), progress to the call it is about,
 * log lines to the clients that want their level, list changes to the aggregate.
 */
final class UpstreamInbound implements InboundHandler {

    private final SessionHub hub;
    private final AggregateEndpoint aggregate;

    UpstreamInbound(SessionHub hub, AggregateEndpoint aggregate) {
        this.hub = hub;
        this.aggregate = aggregate;
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
        Optional<ForwardedCall> cause = hub.calls().latest(from, capability);
        Optional<DownstreamSession> target = cause.map(c -> c.session).or(() -> anySession(from, capability));
        if (target.isEmpty()) {
            RequestsToClients.refuse(from, request.get("id"), "No connected client can answer " + method
                    + (capability == null ? "" : " (none declared the " + capability + " capability)"));
            return;
        }
        hub.requests().send(from, request, target.get(), cause.orElse(null));
    }

    @Override
    public void onNotification(UpstreamConnection from, ObjectNode notification) {
        String method = JsonRpc.method(notification);
        JsonNode params = JsonRpc.params(notification);
        switch (method) {
            case "notifications/progress" -> progress(params, notification);
            case "notifications/cancelled" -> hub.requests().cancelled(from, params, notification);
            case "notifications/message" -> logMessage(from, params, notification);
            default -> {
                aggregate.onUpstreamNotification(from, notification);
                hub.scopedTo(from).forEach(s -> s.send(notification));
            }
        }
    }

    @Override
    public void onClosed(UpstreamConnection from, String reason) {
        hub.calls().forget(from);
        hub.requests().forget(from);
    }

    private void progress(JsonNode params, ObjectNode notification) {
        ForwardedCall call = hub.calls().withProgressToken(params.path("progressToken").asString(""));
        if (call != null && params instanceof ObjectNode p) {
            call.progress(p, notification);
        }
    }

    /** Log lines go with a call in flight to the client that made it, otherwise to every client's stream. */
    private void logMessage(UpstreamConnection from, JsonNode params, ObjectNode notification) {
        LogLevel level = LogLevel.parse(params.path("level").asString("info")).orElse(LogLevel.INFO);
        Set<DownstreamSession> reached = new HashSet<>();
        for (ForwardedCall call : hub.calls().servedBy(from)) {
            if (wants(call.session, level) && reached.add(call.session)) {
                call.deliver(notification);
            }
        }
        for (DownstreamSession s : hub.seeing(from)) {
            if (!reached.contains(s) && wants(s, level)) {
                s.send(notification);
            }
        }
    }

    private static boolean wants(DownstreamSession session, LogLevel level) {
        return session.logLevel().map(min -> level.compareTo(min) >= 0).orElse(true);
    }

    /** The most recently active session that declared the capability, one with a stream open first. */
    private Optional<DownstreamSession> anySession(UpstreamConnection from, String capability) {
        return hub.seeing(from).stream()
                .filter(s -> capability == null || s.declares(capability))
                .max(Comparator.comparing(DownstreamSession::hasStream)
                        .thenComparingLong(DownstreamSession::lastActive));
    }
}
