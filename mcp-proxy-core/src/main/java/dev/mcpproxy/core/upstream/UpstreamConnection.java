package dev.mcpproxy.core.upstream;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.json.RawMessage;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.auth.NeedsSignInException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The proxy's MCP client side of one upstream: numbers outgoing requests, matches responses to them,
 * and fails every pending request at once when the upstream goes away.
 */
public final class UpstreamConnection implements UpstreamTransport.Listener {

    private final String serverName;
    private final UpstreamTransport transport;
    private final LogRing logs;
    private final InboundHandler inbound;
    private final ScheduledExecutorService timer;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private volatile String closedReason;
    /**
     * When the next expiry check is scheduled (System.nanoTime), Long.MAX_VALUE when none is. One timer task
     * per connection, moved only when a request's deadline comes before it: a task per request would cost a
     * wake-up of the timer thread per call, and cancelled tasks stay queued until their time comes.
     */
    private long expiryCheckAt = Long.MAX_VALUE;
    private final Object expiryLock = new Object();

    /** A request sent and not yet answered, failed or timed out. */
    private record Pending(ResponseHandler handler, long deadline, String method, Duration timeout) {
    }

    /** @param logs the server's log, where what it writes besides the protocol goes */
    public UpstreamConnection(String serverName, UpstreamTransport transport, LogRing logs, InboundHandler inbound,
                              ScheduledExecutorService timer) {
        this.serverName = serverName;
        this.transport = transport;
        this.logs = logs;
        this.inbound = inbound;
        this.timer = timer;
    }

    public String serverName() {
        return serverName;
    }

    public UpstreamTransport transport() {
        return transport;
    }

    /** The server's log: a call notes its position when it starts and ends, to show what the server wrote meanwhile. */
    public LogRing logs() {
        return logs;
    }

    public void open() throws IOException {
        transport.start(this);
    }

    /**
     * The id for the next request to this upstream. Every request it gets has an id of the connection's own, so
     * that answers are matched to requests whoever made them.
     */
    public long nextId() {
        return nextId.getAndIncrement();
    }

    /**
     * Sends {@code request}, whose id is {@code id} (from {@link #nextId}) and whose JSON text is {@code json}; the
     * answer goes to {@code handler}.
     */
    public void forward(long id, ObjectNode request, byte[] json, ResponseHandler handler, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        pending.put(id, new Pending(handler, deadline, JsonRpc.method(request), timeout));
        checkExpiryBy(deadline);
        String closed = closedReason;
        if (closed != null) {
            failPending(id, closed);
            return;
        }
        try {
            transport.send(request, json);
        } catch (IOException e) {
            failPending(id, "Could not send to " + serverName + ": " + e.getMessage());
        }
    }

    /** A request of the proxy's own (initialize, list, ping); completes with the result or an UpstreamException. */
    public CompletableFuture<JsonNode> call(String method, JsonNode params, Duration timeout) {
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        long id = nextId();
        ObjectNode request = JsonRpc.request(Json.number(id), method, params);
        forward(id, request, Json.writeBytes(request), new ResponseHandler() {
            @Override
            public void onResponse(ObjectNode response) {
                JsonNode error = response.get("error");
                if (error != null) {
                    future.completeExceptionally(new UpstreamException(
                            error.path("code").asInt(JsonRpc.INTERNAL_ERROR), error.path("message").asString("")));
                } else {
                    future.complete(response.path("result"));
                }
            }

            @Override
            public void onFailure(int code, String message) {
                future.completeExceptionally(new UpstreamException(code, message));
            }
        }, timeout);
        return future;
    }

    /**
     * Tells the upstream that the proxy no longer wants the answer to {@code upstreamId}. False when the
     * answer already came (or the request already failed): whoever wins the removal owns the outcome.
     */
    public boolean cancel(long upstreamId, String reason) {
        if (pending.remove(upstreamId) == null) {
            return false;
        }
        ObjectNode params = Json.object();
        params.put("requestId", upstreamId);
        params.put("reason", reason);
        sendQuietly(JsonRpc.notification("notifications/cancelled", params));
        return true;
    }

    public void sendQuietly(JsonNode message) {
        if (closedReason != null) {
            return;
        }
        try {
            transport.send(message, Json.writeBytes(message));
        } catch (IOException e) {
            // The transport reports the loss through onClosed; nothing more to do for one message.
        }
    }

    public boolean isOpen() {
        return closedReason == null;
    }

    public void close() {
        transport.close();
        onClosed(serverName + " was stopped");
    }

    @Override
    public void onMessage(JsonNode message) {
        switch (JsonRpc.kind(message)) {
            case RESPONSE -> onResponse((ObjectNode) message);
            case REQUEST -> inbound.onRequest(this, (ObjectNode) message);
            case NOTIFICATION -> inbound.onNotification(this, (ObjectNode) message);
            case INVALID -> { }
        }
    }

    @Override
    public void onRawResponse(long id, RawMessage response) {
        Pending request = pending.remove(id);
        if (request != null) {
            request.handler().onRawResponse(response);
        }
    }

    @Override
    public void onUnusableAnswer(long id, Function<String, String> message) {
        Pending request = pending.remove(id);
        if (request != null) {
            request.handler().onFailure(JsonRpc.INTERNAL_ERROR, message.apply(request.method()));
        }
    }

    @Override
    public void onClosed(String reason) {
        if (closedReason != null) {
            return;
        }
        closedReason = reason;
        for (Long id : pending.keySet()) {
            failPending(id, reason);
        }
        inbound.onClosed(this, reason);
    }

    @Override
    public void onNeedsSignIn(NeedsSignInException e) {
        if (closedReason != null) {
            return;
        }
        closedReason = e.getMessage();
        // The handler hears it before the pending requests fail: a handshake that fails first would be a crash.
        inbound.onNeedsSignIn(this, e);
        for (Long id : pending.keySet()) {
            failPending(id, closedReason);
        }
    }

    private void onResponse(ObjectNode response) {
        JsonNode id = response.get("id");
        if (id == null || !id.canConvertToLong()) {
            return;
        }
        Pending request = pending.remove(id.asLong());
        if (request != null) {
            request.handler().onResponse(response);
        }
    }

    private void failPending(long id, String reason) {
        Pending request = pending.remove(id);
        if (request != null) {
            request.handler().onFailure(JsonRpc.INTERNAL_ERROR, reason);
        }
    }

    private void checkExpiryBy(long deadline) {
        synchronized (expiryLock) {
            if (expiryCheckAt != Long.MAX_VALUE && expiryCheckAt - deadline <= 0) {
                return;
            }
            expiryCheckAt = deadline;
        }
        timer.schedule(this::expire, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Fails the requests whose time is up and schedules the next check for the earliest of the others. */
    private void expire() {
        synchronized (expiryLock) {
            expiryCheckAt = Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        long untilNext = Long.MAX_VALUE;
        for (Map.Entry<Long, Pending> entry : pending.entrySet()) {
            Pending request = entry.getValue();
            long left = request.deadline() - now;
            if (left > 0) {
                untilNext = Math.min(untilNext, left);
            } else if (cancel(entry.getKey(), "timed out")) {
                request.handler().onFailure(JsonRpc.REQUEST_TIMEOUT, serverName + " did not answer "
                        + request.method() + " within " + inSecondsOrMillis(request.timeout()) + " (request_timeout)");
            }
        }
        if (untilNext != Long.MAX_VALUE) {
            checkExpiryBy(now + untilNext);
        }
    }

    private static String inSecondsOrMillis(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
