package dev.mcpproxy.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal MCP server on stdio: newline-delimited JSON-RPC in, answers out. Each request runs on its own
 * virtual thread, so a slow tool never holds up the next message; writes to stdout are serialized.
 */
final class StdioServer {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

    /** What a server offers: answers one request, or throws {@link RpcError}. */
    interface Methods {
        JsonNode call(String method, JsonNode params, Exchange exchange) throws RpcError;
    }

    /** The request being answered: lets a tool send progress and log lines, and ask the client, before its result. */
    record Exchange(StdioServer server, JsonNode progressToken) {
        void log(String level, String message) {
            server.notify("notifications/message", JSON.createObjectNode().put("level", level).put("data", message));
        }

        /** Sends a request to the client (sampling, elicitation, roots) and waits for its result. */
        JsonNode ask(String method, JsonNode params) throws RpcError {
            return server.request(method, params);
        }

        void progress(double progress, double total, String message) {
            if (progressToken == null || progressToken.isNull()) {
                return;
            }
            ObjectNode params = JSON.createObjectNode().put("progress", progress).put("total", total)
                    .put("message", message);
            params.set("progressToken", progressToken);
            server.notify("notifications/progress", params);
        }
    }

    static final class RpcError extends Exception {
        final int code;

        RpcError(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final Methods methods;
    private final PrintStream out;
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<JsonNode>> asked = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    StdioServer(Methods methods, OutputStream out) {
        this.methods = methods;
        this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
    }

    /** Serves until stdin ends. */
    void serve(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode message;
            try {
                message = JSON.readTree(line);
            } catch (RuntimeException e) {
                send(error(null, -32700, "Parse error"));
                continue;
            }
            dispatch(message);
        }
    }

    private void dispatch(JsonNode message) {
        String method = message.path("method").asString("");
        JsonNode id = message.get("id");
        if (method.isEmpty()) {
            CompletableFuture<JsonNode> waiting = id == null ? null : asked.remove(id.asLong(-1));
            if (waiting != null) {
                waiting.complete(message);
            }
            return;
        }
        if (id == null) {
            if (method.equals("notifications/cancelled")) {
                Thread call = running.get(message.path("params").path("requestId").toString());
                if (call != null) {
                    call.interrupt();
                }
            }
            return;
        }
        JsonNode params = message.path("params");
        String key = id.toString();
        Thread call = Thread.ofVirtual().unstarted(() -> {
            try {
                JsonNode result = methods.call(method, params,
                        new Exchange(this, params.path("_meta").get("progressToken")));
                ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
                response.set("id", id);
                response.set("result", result);
                send(response);
            } catch (RpcError e) {
                send(error(id, e.code, e.getMessage()));
            } finally {
                running.remove(key);
            }
        });
        running.put(key, call);
        call.start();
    }

    JsonNode request(String method, JsonNode params) throws RpcError {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        asked.put(id, answer);
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", params);
        send(request);
        JsonNode response;
        try {
            response = answer.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcError(-32800, "cancelled while waiting for the client's answer to " + method);
        } catch (ExecutionException | TimeoutException e) {
            throw new RpcError(-32001, "the client did not answer " + method + " within 60 s");
        } finally {
            asked.remove(id);
        }
        if (response.has("error")) {
            throw new RpcError(-32603, "the client answered " + method + " with an error: "
                    + response.path("error").path("message").asString(""));
        }
        return response.path("result");
    }

    void notify(String method, JsonNode params) {
        ObjectNode notification = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        notification.set("params", params);
        send(notification);
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.putObject("error").put("code", code).put("message", message);
        return response;
    }

    private void send(JsonNode message) {
        String line = JSON.writeValueAsString(message);
        synchronized (out) {
            out.print(line);
            out.print('\n');
            out.flush();
        }
    }
}
