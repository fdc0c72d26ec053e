package dev.mcpproxy.core.router;

import dev.mcpproxy.core.calls.CallLog;
import dev.mcpproxy.core.calls.CallMessages;
import dev.mcpproxy.core.calls.CapturedMessage;
import dev.mcpproxy.core.calls.CompletedCall;
import dev.mcpproxy.core.calls.CompletedCall.Outcome;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.json.MessageScanner;
import dev.mcpproxy.core.json.RawMessage;
import dev.mcpproxy.core.json.RequestText;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.ResponseHandler;
import dev.mcpproxy.core.upstream.UpstreamConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client requests upstreams are serving, from the moment one is sent to the moment it ends (answered, failed or
 * cancelled, once) and is logged. What the proxy changes in a call it changes here and nowhere else: the request on
 * its way out in {@link #toUpstream}, the answer and the call's progress on the way back in {@link ForwardedCall}.
 * Everything else in them passes as it came: {@code _meta}, unknown fields, the order of fields. The call log gets
 * both messages as they went: the bytes written out, never parsed again (see {@link CapturedMessage}).
 */
final class CallsInFlight {

    private final Map<UpstreamConnection, Set<ForwardedCall>> byUpstream = new ConcurrentHashMap<>();
    private final Map<String, ForwardedCall> byProgressToken = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private final CallLog callLog;

    CallsInFlight(CallLog callLog) {
        this.callLog = callLog;
    }

    /**
     * Sends a client's request to an upstream, changed as {@link #toUpstream} says; the answer goes to {@code sink}.
     *
     * @param text         the JSON text the request was read from, or null
     * @param upstreamName the name the server knows for the tool or prompt the request names, when the client knows
     *                     it by another (prefixed) one; else null
     */
    void forward(DownstreamSession session, ObjectNode request, byte[] text, String upstreamName,
                 UpstreamConnection upstream, ReplySink sink, Duration timeout) {
        JsonNode clientId = request.get("id");
        String method = kept(JsonRpc.method(request));
        JsonNode clientToken = request.path("params").path("_meta").get("progressToken");
        String proxyToken = clientToken == null ? null : "p" + tokens.incrementAndGet();
        long upstreamId = upstream.nextId();
        // Written here, once, for the transport and the call log both: the answer may come before a send returns.
        byte[] json = toUpstream(request, text, method, upstreamName, proxyToken, upstreamId);
        JsonNode params = request.path("params");
        ForwardedCall call = new ForwardedCall(session, clientId, method,
                params.path("name").asString(params.path("uri").asString("")), sink, upstream, upstreamId, proxyToken,
                clientToken, CapturedMessage.of(json));
        session.inFlight().put(call.key, call);
        byUpstream.computeIfAbsent(upstream, u -> ConcurrentHashMap.newKeySet()).add(call);
        if (proxyToken != null) {
            byProgressToken.put(proxyToken, call);
        }
        upstream.forward(upstreamId, request, json, call, timeout);
    }

    /**
     * The method as one string for all calls when it is one MCP defines: the call log and the event window keep it
     * with each call, for thousands of calls, and the string read from each request would be two more objects a call
     * for the GC to carry from one generation to the next.
     */
    private static String kept(String method) {
        return switch (method) {
            case "tools/call" -> "tools/call";
            case "tools/list" -> "tools/list";
            case "prompts/get" -> "prompts/get";
            case "prompts/list" -> "prompts/list";
            case "resources/read" -> "resources/read";
            case "resources/list" -> "resources/list";
            case "resources/templates/list" -> "resources/templates/list";
            case "resources/subscribe" -> "resources/subscribe";
            case "resources/unsubscribe" -> "resources/unsubscribe";
            case "completion/complete" -> "completion/complete";
            default -> method;
        };
    }

    /**
     * The only changes the proxy makes to a client's request on its way out: the name its server knows for what it
     * names, and a progress token and an id of the proxy's own instead of the client's, so that the calls of many
     * clients to one upstream never clash. Made to the tree, which the transport reads, and to the client's text,
     * which goes out; the tree is written instead when the text cannot be rewritten in place.
     */
    private static byte[] toUpstream(ObjectNode request, byte[] text, String method, String upstreamName,
                                     String proxyToken, long upstreamId) {
        JsonNode params = request.path("params");
        // A completion names its prompt in its ref; a call or a prompt names its tool or prompt in its params.
        boolean nameInRef = method.equals("completion/complete");
        if (upstreamName != null) {
            ((ObjectNode) (nameInRef ? params.get("ref") : params)).put("name", upstreamName);
        }
        if (proxyToken != null) {
            ((ObjectNode) params.get("_meta")).put("progressToken", proxyToken);
        }
        request.put("id", upstreamId);
        Optional<byte[]> rewritten = text == null ? Optional.empty()
                : RequestText.rewrite(text, upstreamId, upstreamName, nameInRef, proxyToken);
        return rewritten.isPresent() ? rewritten.get() : Json.writeBytes(request);
    }

    /** @param answer what the client is sent, or null when it is sent nothing */
    private void finished(ForwardedCall call, Outcome outcome, String error, List<byte[]> answer) {
        call.session.inFlight().remove(call.key, call);
        Set<ForwardedCall> calls = byUpstream.get(call.upstream);
        if (calls != null) {
            calls.remove(call);
        }
        if (call.proxyProgressToken != null) {
            byProgressToken.remove(call.proxyProgressToken);
        }
        long duration = System.nanoTime() - call.startNanos;
        callLog.record(new CompletedCall(callLog.nextId(), Instant.now(), duration,
                call.session.id(), call.session.clientName(), call.method, call.upstream.serverName(), call.target,
                outcome, Optional.ofNullable(error), call.logFrom, call.upstream.logs().nextSeq()),
                new CallMessages(call.request, Optional.ofNullable(answer).map(CapturedMessage::of)));
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
            finished(call, Outcome.CANCELLED, reason, null);
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

    /** One client request handed to an upstream, and what the client called it, given back on the way back. */
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
        final long upstreamId;
        final String proxyProgressToken;
        final JsonNode clientProgressToken;
        /** What the call log keeps of the request as written upstream: not all of a large one, held as long as this. */
        final CapturedMessage request;
        final long startNanos = System.nanoTime();
        final long logFrom;

        private ForwardedCall(DownstreamSession session, JsonNode clientId, String method, String target,
                              ReplySink sink, UpstreamConnection upstream, long upstreamId, String proxyProgressToken,
                              JsonNode clientProgressToken, CapturedMessage request) {
            this.session = session;
            this.clientId = clientId;
            this.key = JsonRpc.idKey(clientId);
            this.method = method;
            this.target = target;
            this.sink = sink;
            this.upstream = upstream;
            this.upstreamId = upstreamId;
            this.proxyProgressToken = proxyProgressToken;
            this.clientProgressToken = clientProgressToken;
            this.request = request;
            this.logFrom = upstream.logs().nextSeq();
        }

        /** Sends a message that belongs to this call to its client, on the call's own stream when it has one. */
        boolean deliver(JsonNode message) {
            return sink.interim(message) || session.send(message);
        }

        /** Progress about this call, told to its client with the client's own token. */
        void progress(ObjectNode params, ObjectNode notification) {
            params.set("progressToken", clientProgressToken);
            deliver(notification);
        }

        /**
         * The answer, with the client's id in place of the proxy's; written here, once, for the client and the call
         * log both.
         */
        @Override
        public void onResponse(ObjectNode response) {
            response.set("id", clientId);
            List<byte[]> answer = List.of(Json.writeBytes(response));
            JsonNode error = response.get("error");
            if (error != null) {
                finished(this, Outcome.ERROR, error.path("message").asString("error"), answer);
            } else if (response.path("result").path("isError").asBoolean(false)) {
                finished(this, Outcome.TOOL_ERROR, "the tool reported an error", answer);
            } else {
                finished(this, Outcome.OK, null, answer);
            }
            sink.reply(answer);
        }

        /** An answer passed on as its bytes, with the client's id spliced in where the proxy's was. */
        @Override
        public void onRawResponse(RawMessage response) {
            MessageScanner seen = response.seen();
            List<byte[]> answer = response.withId(Json.writeIdBytes(clientId));
            if (seen.isError()) {
                finished(this, Outcome.ERROR, "the server answered with an error", answer);
            } else if (seen.isToolError()) {
                finished(this, Outcome.TOOL_ERROR, "the tool reported an error", answer);
            } else {
                finished(this, Outcome.OK, null, answer);
            }
            sink.reply(answer);
        }

        @Override
        public void onFailure(int code, String message) {
            List<byte[]> answer = List.of(Json.writeBytes(JsonRpc.error(clientId, code, message)));
            finished(this, Outcome.ERROR, message, answer);
            sink.reply(answer);
        }
    }
}
