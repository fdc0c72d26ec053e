package dev.mcpproxy.server;

import dev.mcpproxy.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A streamable HTTP MCP session spoken with nothing but java.net.http: what a test needs when it must see
 * exactly what the proxy sends and when, with no SDK's own queueing or retries in between.
 */
public final class RawMcpSession {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI endpoint;
    private final AtomicLong nextId = new AtomicLong(1);
    private final java.util.Map<String, String> headers;
    private String sessionId;

    private RawMcpSession(URI endpoint, java.util.Map<String, String> headers) {
        this.endpoint = endpoint;
        this.headers = headers;
    }

    public static RawMcpSession open(String endpoint) throws IOException, InterruptedException {
        return open(endpoint, java.util.Map.of());
    }

    /** With headers sent on every request, such as an Authorization. */
    public static RawMcpSession open(String endpoint, java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        RawMcpSession session = new RawMcpSession(URI.create(endpoint), headers);
        ObjectNode params = Json.object().put("protocolVersion", "2025-11-25");
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "raw-test-client").put("version", "1");
        HttpResponse<String> response = session.post(request(0, "initialize", params));
        session.sessionId = response.headers().firstValue("Mcp-Session-Id")
                .orElseThrow(() -> new AssertionError("no Mcp-Session-Id in " + response.headers()));
        session.post(Json.object().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
        return session;
    }

    /** Sends a request and returns its JSON-RPC response, read from a JSON body or from the end of an event stream. */
    public JsonNode request(String method, JsonNode params) throws IOException, InterruptedException,
            Json.MalformedJsonException {
        long id = nextId.getAndIncrement();
        HttpResponse<String> response = post(request(id, method, params));
        String body = response.body();
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            JsonNode last = null;
            for (String line : body.split("\n")) {
                if (line.startsWith("data:")) {
                    JsonNode message = Json.parse(line.substring(5).trim());
                    if (message.path("id").asLong(-1) == id) {
                        last = message;
                    }
                }
            }
            if (last == null) {
                throw new AssertionError("event stream ended without the response to " + id + ":\n" + body);
            }
            return last;
        }
        return Json.parse(body);
    }

    /**
     * Opens the session's standing event stream (GET) and returns once its head came: each line the stream sends
     * after that is added to {@code lines}, on a thread of its own, until {@code close} of the returned stream.
     */
    public java.util.stream.Stream<String> openEventStream(java.util.List<String> lines)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", "2025-11-25").GET();
        headers.forEach(builder::header);
        HttpResponse<java.util.stream.Stream<String>> response = http.send(builder.build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + endpoint + " answered " + response.statusCode());
        }
        java.util.stream.Stream<String> body = response.body();
        Thread.ofVirtual().name("event-stream " + endpoint).start(() -> {
            try {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream, or the proxy ended it
            }
        });
        return body;
    }

    /** Posts any message and returns the HTTP response when it is complete, without waiting for it here. */
    public CompletableFuture<HttpResponse<String>> postAsync(JsonNode message) {
        return http.sendAsync(builder(message).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode request(long id, String method, JsonNode params) {
        ObjectNode request = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", params);
        return request;
    }

    private HttpResponse<String> post(JsonNode message) throws IOException, InterruptedException {
        return http.send(builder(message).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder builder(JsonNode message) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(message)));
        headers.forEach(builder::header);
        if (sessionId != null) {
            builder.header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", "2025-11-25");
        }
        return builder;
    }
}
