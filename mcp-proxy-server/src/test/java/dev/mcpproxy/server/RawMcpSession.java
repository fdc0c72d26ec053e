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
    private String sessionId;

    private RawMcpSession(URI endpoint) {
        this.endpoint = endpoint;
    }

    public static RawMcpSession open(String endpoint) throws IOException, InterruptedException {
        RawMcpSession session = new RawMcpSession(URI.create(endpoint));
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
        if (sessionId != null) {
            builder.header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", "2025-11-25");
        }
        return builder;
    }
}
