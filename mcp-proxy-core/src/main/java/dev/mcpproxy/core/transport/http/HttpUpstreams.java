package dev.mcpproxy.core.transport.http;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.UpstreamTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What both HTTP upstream transports share: the client, configured headers, and how failures reach callers. */
final class HttpUpstreams {

    /** A JSON-RPC error code for "the upstream could not be reached or answered with an HTTP error". */
    static final int UPSTREAM_UNREACHABLE = -32000;

    private HttpUpstreams() {
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The server's configured headers (Authorization and the like) on every request; their values are never logged. */
    static HttpRequest.Builder withConfiguredHeaders(HttpRequest.Builder builder, ServerConfig config) {
        for (Map.Entry<String, String> header : config.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        return builder;
    }

    /** Delivers a message body (one message or a batch) to the listener; text that is not JSON is dropped. */
    static void deliver(String body, UpstreamTransport.Listener listener) {
        if (body.isBlank()) {
            return;
        }
        JsonNode message;
        try {
            message = Json.parse(body);
        } catch (Json.MalformedJsonException e) {
            return;
        }
        if (message.isArray()) {
            message.forEach(listener::onMessage);
        } else if (message.isObject()) {
            listener.onMessage(message);
        }
    }

    /** A request that got no answer is answered here, so its caller never waits for nothing. */
    static void failRequest(JsonNode message, String reason, UpstreamTransport.Listener listener) {
        if (JsonRpc.kind(message) == JsonRpc.Kind.REQUEST) {
            listener.onMessage(JsonRpc.error(message.get("id"), UPSTREAM_UNREACHABLE, reason));
        }
    }

    static String describe(ServerConfig config, IOException e) {
        String where = config.name() + " (" + config.url().map(Object::toString).orElse("?") + ")";
        if (e instanceof ConnectException) {
            return where + " refused the connection; is it running?";
        }
        if (e instanceof HttpTimeoutException) {
            return where + " did not answer in time";
        }
        return where + " could not be reached: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
