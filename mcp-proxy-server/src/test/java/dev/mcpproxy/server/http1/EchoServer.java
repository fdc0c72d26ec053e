package dev.mcpproxy.server.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link Http1Server} on a free loopback port whose handler shows what it was given: {@code METHOD path?query
 * [x=X-Value] [host=Host] body}. {@code /status/N} answers status N with a body, {@code /stream} opens a stream,
 * {@code /private} is refused at its head without {@code X-Key: yes}, {@code /oom} throws OutOfMemoryError.
 */
final class EchoServer implements AutoCloseable {

    /** Small and quick, so that tests reach every limit: 1 KiB bodies, 0.5 s heads, 8 connections. */
    static final Http1Server.Limits SMALL = new Http1Server.Limits(1024, 1 << 20, Duration.ofMillis(500),
            Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(2), 64 * 1024, 8);

    final Http1Server server;
    final AtomicInteger handled = new AtomicInteger();

    EchoServer(Http1Server.Limits limits) throws IOException {
        server = new Http1Server("127.0.0.1", 0, new Handler(), limits);
        server.start("echo-http");
    }

    int port() {
        return server.port();
    }

    RawConnection connect() throws IOException {
        return new RawConnection(port());
    }

    /** The status of the answer to {@code request}; a refusal must carry an error body and close the connection. */
    int status(String request) throws IOException {
        try (RawConnection client = connect()) {
            RawConnection.Response response = client.send(request).read();
            if (response.status() >= 400) {
                assertThat(response.body()).startsWith("{\"error\":\"");
                assertThat(client.closedWithin(5000)).as("closed after " + response.status()).isTrue();
            }
            return response.status();
        }
    }

    /** The body of the answer to {@code request}, which must be a 200. */
    String body(String request) throws IOException {
        try (RawConnection client = connect()) {
            RawConnection.Response response = client.send(request).read();
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            return response.body();
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private final class Handler implements Http1Server.Handler {
        @Override
        public Optional<Http1Server.Refusal> admit(Http1Head head) {
            return head.path().equals("/private") && !"yes".equals(head.header("X-Key"))
                    ? Optional.of(new Http1Server.Refusal(401, "no key", Map.of("WWW-Authenticate", "Bearer")))
                    : Optional.empty();
        }

        @Override
        public void handle(Http1Request request, Http1Exchange exchange) {
            handled.incrementAndGet();
            String path = request.path();
            if (path.startsWith("/status/")) {
                exchange.respond(Integer.parseInt(path.substring(8)), "text/plain", bytes("not to be sent"));
            } else if (path.equals("/stream")) {
                exchange.startStream(200, "text/event-stream", () -> { });
                exchange.sendChunk(bytes("one"));
            } else if (path.equals("/oom")) {
                throw new OutOfMemoryError("a handler out of memory");
            } else {
                exchange.respond(200, "text/plain", bytes(describe(request)));
            }
        }

        @Override
        public byte[] errorBody(String message) {
            return bytes("{\"error\":\"" + message + "\"}");
        }
    }

    private static String describe(Http1Request request) {
        StringBuilder text = new StringBuilder(request.method()).append(' ').append(request.path());
        if (request.query() != null) {
            text.append('?').append(request.query());
        }
        if (request.header("X-Value") != null) {
            text.append(" x=").append(request.header("X-Value"));
        }
        if (request.header("X-Show-Host") != null) {
            text.append(" host=").append(request.header("Host"));
        }
        return text.append(' ').append(new String(request.body(), StandardCharsets.UTF_8)).toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
