package dev.mcpproxy.core.upstream.http;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.upstream.UpstreamTransport;
import dev.mcpproxy.core.upstream.auth.NeedsSignInException;
import dev.mcpproxy.core.upstream.auth.UpstreamAuthorization;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * An upstream reached over the 2024-11-05 HTTP+SSE transport: one event stream (GET) carries everything the server
 * sends; it first names, in an {@code endpoint} event, the URL each message is POSTed to.
 */
public final class LegacySseUpstream implements UpstreamTransport {

    private static final long ENDPOINT_WAIT_SECONDS = 10;

    private final ServerConfig config;
    private final URI streamUrl;
    private final HttpClient http = HttpUpstreams.client();
    private final UpstreamAuthorization authorization;
    private final CompletableFuture<URI> messages = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile Listener listener;

    public LegacySseUpstream(ServerConfig config, UpstreamAuthorization authorization) {
        this.config = config;
        this.authorization = authorization;
        this.streamUrl = config.url().orElseThrow();
    }

    @Override
    public void start(Listener listener) throws IOException {
        this.listener = listener;
        HttpResponse<InputStream> response;
        try {
            response = AuthorizedRequests.send(http, authorization,
                    () -> HttpUpstreams.withConfiguredHeaders(HttpRequest.newBuilder(streamUrl), config)
                            .header("Accept", "text/event-stream").GET());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(config.name() + ": interrupted while connecting");
        } catch (NeedsSignInException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(HttpUpstreams.describe(config, e), e);
        }
        if (response.statusCode() >= 300) {
            response.body().close();
            throw new IOException(config.name() + ": GET " + streamUrl + " answered HTTP " + response.statusCode()
                    + "; check url (an SSE server's stream is usually at /sse)");
        }
        Thread.ofVirtual().name(config.name() + "-sse").start(() -> stream(response.body(), listener));
        try {
            messages.get(ENDPOINT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            close();
            throw new IOException(config.name() + ": the event stream named no endpoint within "
                    + ENDPOINT_WAIT_SECONDS + " s; is this an HTTP+SSE (2024-11-05) server?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException(config.name() + ": interrupted while connecting");
        }
    }

    private void stream(InputStream body, Listener listener) {
        try {
            SseEventReader.read(body, config.maxMessageBytes(), event -> {
                if (event.type().equals("endpoint")) {
                    messages.complete(streamUrl.resolve(event.data().strip()));
                } else {
                    HttpUpstreams.deliver(config, event.data(), listener);
                }
            }, size -> HttpUpstreams.skippedEvent(config, size));
        } catch (IOException e) {
            // Reported below as the end of the stream.
        }
        messages.completeExceptionally(new IOException("stream ended"));
        if (!closed) {
            listener.onClosed(config.name() + " closed its event stream");
        }
    }

    @Override
    public void send(JsonNode message, byte[] json) throws IOException {
        if (closed) {
            throw new IOException(config.name() + " is closed");
        }
        URI target = messages.getNow(null);
        if (target == null) {
            throw new IOException(config.name() + " is not connected");
        }
        Thread.ofVirtual().name(config.name() + "-post").start(() -> post(target, message, json));
    }

    private void post(URI target, JsonNode message, byte[] json) {
        try {
            HttpResponse<InputStream> response = AuthorizedRequests.send(http, authorization,
                    () -> HttpUpstreams.withConfiguredHeaders(HttpRequest.newBuilder(target), config)
                            .timeout(config.requestTimeout())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
            // The answer comes on the event stream; the body is read out so that the connection can be reused.
            try (InputStream body = response.body()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            if (response.statusCode() >= 400) {
                HttpUpstreams.failRequest(message, config.name() + " answered HTTP " + response.statusCode(), listener);
            }
        } catch (NeedsSignInException e) {
            listener.onNeedsSignIn(e);
            HttpUpstreams.failRequest(message, e.getMessage(), listener);
        } catch (IOException e) {
            if (!closed) {
                HttpUpstreams.failRequest(message, HttpUpstreams.describe(config, e), listener);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        http.shutdownNow();
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.empty();
    }
}
