package dev.mcpproxy.server.api;

import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.calls.CallLog;
import dev.mcpproxy.core.calls.CallMessages;
import dev.mcpproxy.core.calls.CapturedMessage;
import dev.mcpproxy.core.calls.CompletedCall;
import dev.mcpproxy.core.calls.Metrics;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.process.LogLine;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.supervisor.ServerStatus;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * The routes of what went on: a server's log lines (or the proxy's own), the recent calls and each one's messages,
 * the metrics.
 */
final class ActivityRoutes {

    private static final int MAX_LOG_LINES = 10_000;
    private static final int MAX_CALLS = 1000;

    private final ProxyRuntime runtime;
    private final ServerRoutes servers;

    /** @param servers finds the server a log route names */
    ActivityRoutes(ProxyRuntime runtime, ServerRoutes servers) {
        this.runtime = runtime;
        this.servers = servers;
    }

    void logs(ApiExchange exchange) throws ApiError {
        String server = exchange.path("server");
        LogRing ring;
        if (server.equals(ProxyRuntime.PROXY_LOG)) {
            ring = runtime.proxyLog();
        } else {
            ring = servers.supervisor(server).logs();
        }
        int lines = exchange.queryInt("lines", 100, MAX_LOG_LINES);
        Optional<String> since = exchange.query("since");
        List<LogLine> selected = since.isPresent() ? ring.since(exchange.queryLong("since", 0)) : ring.tail(lines);
        if (since.isPresent() && selected.size() > lines) {
            selected = selected.subList(0, lines);
        }
        ArrayNode array = Json.array();
        selected.forEach(line -> array.addRawValue(new RawValue(line.json())));
        ObjectNode body = Json.object().put("server", server);
        body.set("lines", array);
        body.put("next", selected.isEmpty() ? exchange.queryLong("since", 0) : selected.getLast().seq() + 1);
        exchange.json(200, body);
    }

    void calls(ApiExchange exchange) throws ApiError {
        int limit = exchange.queryInt("limit", 100, MAX_CALLS);
        ArrayNode calls = Json.array();
        for (CompletedCall call : runtime.calls().recent(limit)) {
            calls.add(call.toJson());
        }
        exchange.json(200, Json.object().set("calls", calls));
    }

    /**
     * One call as the list shows it, with its request as forwarded and its answer as the client got it: each whole
     * up to 64 KiB as JSON, else its start as a string, or null when the call log no longer holds it.
     */
    void call(ApiExchange exchange) throws ApiError {
        long id;
        try {
            id = Long.parseLong(exchange.path("id"));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "A call id is a whole number, as /api/calls lists them; not \""
                    + exchange.path("id") + "\"");
        }
        CallLog.Kept kept = runtime.calls().find(id).orElseThrow(() -> new ApiError(404, "No call " + id
                + " is kept: the proxy keeps the most recent ones, which /api/calls lists"));
        ObjectNode detail = kept.call().toJson();
        detail.put("messages_kept", kept.messages().isPresent());
        putMessage(detail, "request", kept.messages().map(CallMessages::request));
        putMessage(detail, "response", kept.messages().flatMap(CallMessages::response));
        exchange.json(200, detail);
    }

    private static void putMessage(ObjectNode detail, String name, Optional<CapturedMessage> message) {
        if (message.isEmpty()) {
            detail.putNull(name);
            detail.put(name + "_truncated", false);
            return;
        }
        String text = new String(message.get().kept(), StandardCharsets.UTF_8);
        if (message.get().truncated()) {
            detail.put(name, text);
        } else {
            // Written by Jackson or checked as JSON on its way in: embedded as it is, not parsed again.
            detail.putRawValue(name, new RawValue(text));
        }
        detail.put(name + "_truncated", message.get().truncated());
        detail.put(name + "_bytes", message.get().length());
    }

    void metrics(ApiExchange exchange) {
        List<Metrics.ServerGauges> gauges = runtime.supervisors().stream().map(supervisor -> {
            ServerStatus status = supervisor.status();
            return new Metrics.ServerGauges(supervisor.name(), ServerRoutes.up(status), status.restarts());
        }).toList();
        exchange.text(200, Metrics.contentType(),
                runtime.metrics().exposition(gauges, runtime.hub().sessions().size()));
    }
}
