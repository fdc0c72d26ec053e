package dev.mcpproxy.server.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The MCP port's HTTP/1.1 server on a real socket, with a handler that shows what it was given. */
class Http1ServerTest {

    private static final Http1Server.Limits LIMITS = new Http1Server.Limits(1024, 1 << 20, Duration.ofMillis(500),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1), 64 * 1024, 8);

    private final CompletableFuture<Void> streamClosed = new CompletableFuture<>();
    private final CompletableFuture<Integer> floodSent = new CompletableFuture<>();
    private Http1Server server;

    @BeforeEach
    void start() throws IOException {
        server = new Http1Server("127.0.0.1", 0, new TestHandler(), LIMITS);
        server.start("test-http");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Echoes what it got; a few paths answer later, stream, or fail; /private wants X-Key at its head. */
    private final class TestHandler implements Http1Server.Handler {
        @Override
        public Optional<Http1Server.Refusal> admit(Http1Head head) {
            return head.path().startsWith("/private") && !"yes".equals(head.header("X-Key"))
                    ? Optional.of(new Http1Server.Refusal(401, "no key", Map.of("WWW-Authenticate", "Bearer")))
                    : Optional.empty();
        }

        @Override
        public void handle(Http1Request request, Http1Exchange exchange) {
            String seen = request.method() + " " + request.path()
                    + (request.query() == null ? "" : "?" + request.query()) + " "
                    + new String(request.body(), StandardCharsets.UTF_8);
            switch (request.path()) {
                case "/later" -> CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)
                        .execute(() -> exchange.respond(200, "text/plain", bytes("later " + seen)));
                case "/stream" -> {
                    exchange.startStream(200, "text/event-stream", () -> streamClosed.complete(null));
                    exchange.sendChunk(bytes("one"));
                }
                case "/flood" -> {
                    exchange.startStream(200, "text/event-stream", () -> streamClosed.complete(null));
                    Thread.ofVirtual().start(() -> {
                        int sent = 0;
                        while (exchange.sendChunk(bytes("x".repeat(1000)))) {
                            sent++;
                        }
                        floodSent.complete(sent);
                    });
                }
                case "/throw" -> throw new IllegalStateException("a handler bug");
                default -> exchange.respond(200, "text/plain", bytes(seen));
            }
        }

        @Override
        public byte[] errorBody(String message) {
            return bytes("{\"error\":\"" + message + "\"}");
        }
    }

    @Test
    void answersRequestsOneAfterAnotherOnOneConnection() throws IOException {
        try (RawConnection client = new RawConnection(server.port())) {
            for (int i = 0; i < 3; i++) {
                String body = "call " + i;
                client.send("POST /echo?n=" + i + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body);
                RawConnection.Response response = client.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("POST /echo?n=" + i + " call " + i);
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderSent() throws IOException {
        try (RawConnection client = new RawConnection(server.port())) {
            client.send("POST /later HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nfirst"
                    + "GET /echo HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nthird");
            assertThat(client.read().body()).isEqualTo("later POST /later first");
            assertThat(client.read().body()).isEqualTo("GET /echo ");
            assertThat(client.read().body()).isEqualTo("POST /echo third");
        }
    }

    @Test
    void thousandsOfPipelinedRequestsAreAllAnswered() throws Exception {
        int count = 20_000;
        try (RawConnection client = new RawConnection(server.port())) {
            String one = "GET /echo HTTP/1.1\r\nHost: h\r\n\r\n";
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    client.send(one.repeat(count));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            for (int i = 0; i < count; i++) {
                assertThat(client.read().body()).as("answer " + i).isEqualTo("GET /echo ");
            }
            writer.join();
        }
    }

    @Test
    void aChunkedBodyIsDecoded() throws IOException {
        try (RawConnection client = new RawConnection(server.port())) {
            client.send("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
            assertThat(client.read().body()).isEqualTo("POST /echo hello world");
            client.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(client.read().body()).isEqualTo("GET /echo ");
        }
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws IOException {
        try (RawConnection client = new RawConnection(server.port())) {
            client.send("POST /echo HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(100);
            client.send("body");
            assertThat(client.read().body()).isEqualTo("POST /echo body");
        }
    }

    @Test
    void emptyLinesBeforeARequestAreSkipped() throws IOException {
        try (RawConnection client = new RawConnection(server.port())) {
            client.send("\r\n\r\nGET /echo HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(client.read().body()).isEqualTo("GET /echo ");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GARBAGE                                                                  | 400",
        "GET /echo HTTP/1.1 extra\\r\\nHost: h                                    | 400",
        "GET echo HTTP/1.1\\r\\nHost: h                                           | 400",
        "GET /echo HTTP/2.0\\r\\nHost: h                                          | 505",
        "GET /echo HTTP/1.1                                                       | 400",
        "GET /echo HTTP/1.1\\r\\nHost: h\\r\\nHost: i                             | 400",
        "GET /echo HTTP/1.1\\r\\nHost: h\\r\\nX-Folded: a\\r\\n b                 | 400",
        "GET /echo HTTP/1.1\\r\\nHost: h\\r\\nBad Name: a                         | 400",
        "GET /echo HTTP/1.1\\r\\nHost: h\\r\\nX: a\\u0001b                        | 400",
        "POST /echo HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1\\r\\nContent-Length: 2 | 400",
        "POST /echo HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: -1                 | 400",
        "POST /echo HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1\\r\\nTransfer-Encoding: chunked | 400",
        "POST /echo HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: gzip            | 501",
        "POST /echo HTTP/1.1\\r\\nHost: h\\r\\nExpect: something                  | 417",
        "POST /echo HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 5000               | 413",
        "GET /ec%zzho HTTP/1.1\\r\\nHost: h                                       | 400",
        "GET /a%2F..%2Fb HTTP/1.1\\r\\nHost: h                                    | 400",
        "GET /a/../b HTTP/1.1\\r\\nHost: h                                        | 400",
        "GET /a%00 HTTP/1.1\\r\\nHost: h                                          | 400",
        "GET /echo HTTP/1.1\\nHost: h                                           | 400",
    })
    void aMalformedRequestGetsItsStatusAndAShortJsonBodyAndTheConnectionCloses(String head, int status)
            throws IOException {
        String request = head.strip().replace("\\r\\n", "\r\n").replace("\\n", "\n").replace("\\u0001", "\u0001")
                + "\r\n\r\n";
        try (RawConnection client = new RawConnection(server.port())) {
            RawConnection.Response response = client.send(request).read();
            assertThat(response.status()).isEqualTo(status);
            assertThat(response.headers()).containsEntry("content-type", "application/json")
                    .containsEntry("connection", "close");
            assertThat(response.body()).startsWith("{\"error\":\"").doesNotContain("Exception");
            assertThat(client.closedWithin(5000)).isTrue();
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() throws IOException {
        try (RawConnection client = new RawConnection(server.port())) {
            client.send("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "300\r\n" + "a".repeat(0x300) + "\r\n300\r\n");
            assertThat(client.read().status()).isEqualTo(413);
        }
    }

    @Test
    void aHeadOverTheLimitIsRefused() throws IOException {
        try (RawConnection client = new RawConnection(server.port())) {
            client.send("GET /echo HTTP/1.1\r\nHost: h\r\nX-Big: " + "a".repeat(RequestHead.MAX_HEAD_BYTES));
            assertThat(client.read().status()).isEqualTo(431);
        }
    }

    @Test
    void aRequestThatDoesNotArriveInTimeIsCutOff() throws IOException {
        try (RawConnection client = new RawConnection(server.port())) {
            client.send("GET /echo HTTP/1.1\r\nHo");
            assertThat(client.closedWithin(5000)).isTrue();
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws IOException {
        try (RawConnection client = new RawConnection(server.port())) {
            client.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertThat(client.closedWithin(6000)).isTrue();
        }
    }

    @Test
    void emptyLinesDoNotKeepAnIdleConnectionOpen() throws IOException {
        try (RawConnection client = new RawConnection(server.port())) {
            client.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n").read();
            boolean closed = false;
            for (int i = 0; i < 30 && !closed; i++) {
                try {
                    client.send("\r\n");
                    closed = client.closedWithin(200);
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertThat(closed).as("closed while the empty lines still came").isTrue();
        }
    }

    @Test
    void connectionCloseAndHttp10CloseAfterTheAnswer() throws IOException {
        try (RawConnection client = new RawConnection(server.port())) {
            client.send("GET /echo HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertThat(client.read().headers()).containsEntry("connection", "close");
            assertThat(client.closedWithin(2000)).isTrue();
        }
        try (RawConnection client = new RawConnection(server.port())) {
            client.send("GET /echo HTTP/1.0\r\n\r\n");
            assertThat(client.read().body()).isEqualTo("GET /echo ");
            assertThat(client.closedWithin(2000)).isTrue();
        }
    }

    @Test
    void aStreamEndsWhenItsClientGoesAway() throws Exception {
        RawConnection client = new RawConnection(server.port());
        client.send("GET /stream HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(client.readHead()).isEqualTo(200);
        assertThat(client.readChunk()).isEqualTo("one");
        assertThat(streamClosed).isNotDone();
        client.close();
        streamClosed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aClientThatStopsReadingItsStreamIsCutOffAndCostsBoundedMemory() throws Exception {
        try (RawConnection client = new RawConnection(server.port())) {
            client.send("GET /flood HTTP/1.1\r\nHost: h\r\n\r\n");
            streamClosed.get(10, TimeUnit.SECONDS);
            // What the socket buffers took, plus the queue's limit: far less than an unbounded flood.
            assertThat(floodSent.get(5, TimeUnit.SECONDS)).isLessThan(50_000);
        }
    }

    @Test
    void aHandlerThatThrowsGetsA500AndTheServerGoesOn() throws IOException {
        try (RawConnection client = new RawConnection(server.port())) {
            RawConnection.Response failed = client.send("GET /throw HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body()).isEqualTo("{\"error\":\"Internal error\"}");
            assertThat(client.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n").read().status()).isEqualTo(200);
        }
    }

    @Test
    void whenEveryConnectionHasAStreamOpenANewOneIsRefused() throws IOException {
        List<RawConnection> open = new ArrayList<>();
        try {
            for (int i = 0; i < LIMITS.maxConnections(); i++) {
                RawConnection client = new RawConnection(server.port());
                open.add(client);
                assertThat(client.send("GET /stream HTTP/1.1\r\nHost: h\r\n\r\n").readHead()).isEqualTo(200);
            }
            try (RawConnection oneTooMany = new RawConnection(server.port())) {
                oneTooMany.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n");
                assertThatThrownBy(oneTooMany::read).isInstanceOf(IOException.class);
            }
            for (RawConnection client : open) {
                assertThat(client.readChunk()).as("every stream still open").isEqualTo("one");
            }
        } finally {
            for (RawConnection client : open) {
                client.close();
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
