package dev.mcpproxy.core.upstream.http;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.UpstreamTransport;
import dev.mcpproxy.core.upstream.auth.NeedsSignInException;
import dev.mcpproxy.core.upstream.auth.UpstreamAuthorization;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * An upstream reached over MCP streamable HTTP (2025-03-26 and later): each message is a POST whose answer comes as
 * JSON or as an event stream; what the server starts on its own comes on a standing GET stream. Every POST runs on
 * a virtual thread of its own.
 */
public final class StreamableHttpUpstream implements UpstreamTransport {

    /** What is read of an HTTP error's body: its first words are shown, the rest is not worth holding. */
    private static final int ERROR_BODY_KEPT = 4096;

    private final ServerConfig config;
    private final URI endpoint;
    private final HttpClient http = HttpUpstreams.client();
    private final UpstreamAuthorization authorization;
    private volatile Listener listener;
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile String lastEventId;
    private volatile boolean closed;
    private volatile Thread standingStream;

    public StreamableHttpUpstream(ServerConfig config, UpstreamAuthorization authorization) {
        this.config = config;
        this.authorization = authorization;
        this.endpoint = config.url().orElseThrow();
    }

    @Override
    public void start(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void send(JsonNode message, byte[] json) throws IOException {
        if (closed) {
            throw new IOException(config.name() + " is closed");
        }
        Thread.ofVirtual().name(config.name() + "-post").start(() -> post(message, json));
    }

    private void post(JsonNode message, byte[] json) {
        try {
            HttpResponse<InputStream> response = AuthorizedRequests.send(http, authorization,
                    () -> headers(HttpRequest.newBuilder(endpoint))
                            .timeout(config.requestTimeout().plusSeconds(5))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json, text/event-stream")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
            response.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
            int status = response.statusCode();
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (status == 404 && sessionId != null) {
                response.body().close();
                listener.onClosed(config.name() + " ended the session (HTTP 404); reconnecting");
            } else if (status >= 400) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readNBytes(ERROR_BODY_KEPT), StandardCharsets.UTF_8);
                }
                HttpUpstreams.failRequest(message, config.name() + " answered HTTP " + status
                        + (body.isBlank() ? "" : ": " + abbreviate(body)), listener);
            } else if (type.startsWith("text/event-stream")) {
                SseEventReader.read(response.body(), config.maxMessageBytes(),
                        event -> HttpUpstreams.deliver(config, event.data(), observing()),
                        size -> HttpUpstreams.failTooLarge(config, message, size, listener));
            } else {
                byte[] body = HttpUpstreams.readUpTo(response.body(), config.maxMessageBytes());
                if (body == null) {
                    HttpUpstreams.failTooLarge(config, message, -1, listener);
                } else {
                    HttpUpstreams.deliver(config, new String(body, StandardCharsets.UTF_8), observing());
                }
            }
        } catch (NeedsSignInException e) {
            listener.onNeedsSignIn(e);
            HttpUpstreams.failRequest(message, e.getMessage(), listener);
            return;
        } catch (IOException e) {
            if (!closed) {
                HttpUpstreams.failRequest(message, HttpUpstreams.describe(config, e), listener);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (JsonRpc.method(message).equals("notifications/initialized")) {
            standingStream = Thread.ofVirtual().name(config.name() + "-stream").start(this::listen);
        }
    }

    /** Passes messages on, noting the protocol version the server chose in its initialize result. */
    private Listener observing() {
        Listener target = listener;
        return new Listener() {
            @Override
            public void onMessage(JsonNode message) {
                JsonNode result = message.path("result");
                if (result.has("protocolVersion") && result.has("serverInfo")) {
                    protocolVersion = result.path("protocolVersion").asString();
                }
                target.onMessage(message);
            }

            @Override
            public void onRawResponse(long id, dev.mcpproxy.core.json.RawMessage response) {
                target.onRawResponse(id, response);
            }

            @Override
            public void onUnusableAnswer(long id, java.util.function.Function<String, String> message) {
                target.onUnusableAnswer(id, message);
            }

            @Override
            public void onClosed(String reason) {
                target.onClosed(reason);
            }
        };
    }

    /** The GET stream for requests and notifications the server starts; 405 means it offers none. */
    private void listen() {
        long backoff = 500;
        while (!closed) {
            try {
                HttpResponse<InputStream> response = AuthorizedRequests.send(http, authorization, () -> {
                    HttpRequest.Builder request = headers(HttpRequest.newBuilder(endpoint))
                            .header("Accept", "text/event-stream");
                    if (lastEventId != null) {
                        request.header("Last-Event-ID", lastEventId);
                    }
                    return request.GET();
                });
                if (response.statusCode() == 405) {
                    response.body().close();
                    return;
                }
                if (response.statusCode() == 404 && sessionId != null) {
                    response.body().close();
                    listener.onClosed(config.name() + " ended the session (HTTP 404); reconnecting");
                    return;
                }
                if (response.statusCode() < 300) {
                    backoff = 500;
                    SseEventReader.read(response.body(), config.maxMessageBytes(), event -> {
                        if (event.id() != null) {
                            lastEventId = event.id();
                        }
                        HttpUpstreams.deliver(config, event.data(), listener);
                    }, size -> HttpUpstreams.skippedEvent(config, size));
                } else {
                    response.body().close();
                }
            } catch (NeedsSignInException e) {
                listener.onNeedsSignIn(e);
                return;
            } catch (IOException e) {
                // Dropped or refused; retried below while this connection is wanted. Calls report their own failures.
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, 10_000);
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread stream = standingStream;
        if (stream != null) {
            stream.interrupt();
        }
        if (sessionId != null) {
            try {
                HttpRequest.Builder delete = headers(HttpRequest.newBuilder(endpoint)).timeout(Duration.ofSeconds(3));
                authorization.header().ifPresent(value -> delete.setHeader("Authorization", value));
                http.send(delete.DELETE().build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // The server is gone; so is the session.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.shutdownNow();
    }

    private HttpRequest.Builder headers(HttpRequest.Builder builder) {
        return SessionHeaders.add(HttpUpstreams.withConfiguredHeaders(builder, config), sessionId, protocolVersion);
    }

    private static String abbreviate(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.empty();
    }
}
