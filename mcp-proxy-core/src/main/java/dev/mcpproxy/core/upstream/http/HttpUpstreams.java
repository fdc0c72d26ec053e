package dev.mcpproxy.core.upstream.http;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.json.MessageScanner;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.MessageSizes;
import dev.mcpproxy.core.upstream.UpstreamTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/** What both HTTP upstream transports share: the client, configured headers, and how failures reach callers. */
final class HttpUpstreams {

    /** A JSON-RPC error code for "the upstream could not be reached or answered with an HTTP error". */
    static final int UPSTREAM_UNREACHABLE = -32000;
    private static final System.Logger LOG = System.getLogger("mcp-proxy.upstream");

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

    /**
     * Delivers a message body (one message or a batch) to the listener. Text that is not JSON is logged with the
     * server's name and a cut, and when it answers a request of the proxy's, that request fails at once.
     */
    static void deliver(ServerConfig config, String body, UpstreamTransport.Listener listener) {
        if (body.isBlank()) {
            return;
        }
        JsonNode message;
        try {
            message = Json.parse(body);
        } catch (Json.MalformedJsonException e) {
            String cut = body.length() > 200 ? body.substring(0, 200) + "… (" + body.length() + " characters)" : body;
            LOG.log(Level.WARNING, config.name() + " sent a message that is not valid JSON (" + e.getMessage() + "): "
                    + cut);
            MessageScanner seen = new MessageScanner();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            seen.feed(bytes, 0, bytes.length);
            OptionalLong id = seen.numericId();
            if (seen.isResponse() && id.isPresent()) {
                listener.onUnusableAnswer(id.getAsLong(), method -> config.name() + " sent a malformed answer to "
                        + method + ": " + e.getMessage());
            }
            return;
        }
        if (message.isArray()) {
            message.forEach(listener::onMessage);
        } else if (message.isObject()) {
            listener.onMessage(message);
        }
    }

    /**
     * The body, read to its end but kept only up to {@code max} bytes: null when it is longer (what came past the
     * limit is read and dropped, so that the connection can be reused).
     */
    static byte[] readUpTo(InputStream body, int max) throws IOException {
        try (body) {
            byte[] kept = body.readNBytes(max);
            long more = body.transferTo(OutputStream.nullOutputStream());
            return more == 0 ? kept : null;
        }
    }

    /** Fails a request whose answer was longer than the server's max_message_size. */
    static void failTooLarge(ServerConfig config, JsonNode request, long size, UpstreamTransport.Listener listener) {
        failRequest(request, config.name() + ": the answer to " + JsonRpc.method(request) + " "
                + (size < 0 ? "was more than max_message_size (" + MessageSizes.mebibytes(config.maxMessageBytes())
                + ") allows. Raise max_message_size in the configuration, or ask for less."
                : MessageSizes.overLimit(size, config.maxMessageBytes())), listener);
    }

    /** Logs an event on a stream that no request waits for, skipped as longer than max_message_size. */
    static void skippedEvent(ServerConfig config, long size) {
        LOG.log(Level.WARNING, config.name() + ": skipped an event of " + MessageSizes.megabytes(size)
                + " on its event stream: more than max_message_size (" + MessageSizes.mebibytes(config.maxMessageBytes())
                + ") allows");
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
