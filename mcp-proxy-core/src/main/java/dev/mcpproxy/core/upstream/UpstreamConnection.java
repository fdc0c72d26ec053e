package dev.mcpproxy.core.upstream;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The proxy's MCP client side of one upstream: numbers outgoing requests, matches responses to them,
 * and fails every pending request at once when the upstream goes away.
 */
public final class UpstreamConnection implements UpstreamTransport.Listener {

    private final String serverName;
    private final UpstreamTransport transport;
    private final InboundHandler inbound;
    private final ScheduledExecutorService timer;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, ResponseHandler> pending = new ConcurrentHashMap<>();
    private volatile String closedReason;

    public UpstreamConnection(String serverName, UpstreamTransport transport, InboundHandler inbound,
                              ScheduledExecutorService timer) {
        this.serverName = serverName;
        this.transport = transport;
        this.inbound = inbound;
        this.timer = timer;
    }

    public String serverName() {
        return serverName;
    }

    public UpstreamTransport transport() {
        return transport;
    }

    public void open() throws IOException {
        transport.start(this);
    }

    /**
     * Sends {@code request} (its id replaced by one of this connection's) and hands the answer to
     * {@code handler}. Returns the id used upstream.
     */
    public long forward(ObjectNode request, ResponseHandler handler, Duration timeout) {
        long id = nextId.getAndIncrement();
        request.put("id", id);
        ResponseHandler guarded = withTimeout(id, handler, timeout, JsonRpc.method(request));
        pending.put(id, guarded);
        String closed = closedReason;
        if (closed != null) {
            failPending(id, closed);
            return id;
        }
        try {
            transport.send(request);
        } catch (IOException e) {
            failPending(id, "Could not send to " + serverName + ": " + e.getMessage());
        }
        return id;
    }

    /** A request of the proxy's own (initialize, list, ping); completes with the result or an UpstreamException. */
    public CompletableFuture<JsonNode> call(String method, JsonNode params, Duration timeout) {
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        forward(JsonRpc.request(Json.number(0), method, params), new ResponseHandler() {
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
            transport.send(message);
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

    private void onResponse(ObjectNode response) {
        JsonNode id = response.get("id");
        if (id == null || !id.canConvertToLong()) {
            return;
        }
        ResponseHandler handler = pending.remove(id.asLong());
        if (handler != null) {
            handler.onResponse(response);
        }
    }

    private void failPending(long id, String reason) {
        ResponseHandler handler = pending.remove(id);
        if (handler != null) {
            handler.onFailure(JsonRpc.INTERNAL_ERROR, reason);
        }
    }

    private ResponseHandler withTimeout(long id, ResponseHandler handler, Duration timeout, String method) {
        ScheduledFuture<?> expiry = timer.schedule(() -> {
            if (cancel(id, "timed out")) {
                handler.onFailure(JsonRpc.REQUEST_TIMEOUT, serverName + " did not answer " + method
                        + " within " + timeout.toSeconds() + " s (request_timeout)");
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new ResponseHandler() {
            @Override
            public void onResponse(ObjectNode response) {
                expiry.cancel(false);
                handler.onResponse(response);
            }

            @Override
            public void onFailure(int code, String message) {
                expiry.cancel(false);
                handler.onFailure(code, message);
            }
        };
    }
}
