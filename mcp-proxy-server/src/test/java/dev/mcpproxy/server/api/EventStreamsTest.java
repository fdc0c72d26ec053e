package dev.mcpproxy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.ApiClient;
import dev.mcpproxy.server.RawMcpSession;
import dev.mcpproxy.server.SidecarProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** The event stream over a real WebSocket and real Server-Sent Events: state changes, log lines, slow consumers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamsTest {

    private SidecarProcess sidecar;
    private ApiClient api;

    @BeforeAll
    void start() throws Exception {
        sidecar = SidecarProcess.start(Files.createTempDirectory(Path.of("target"), "events-"),
                "servers:\n" + SidecarProcess.demoEntry("alpha") + SidecarProcess.demoEntry("beta"));
        sidecar.awaitRunning(2);
        api = new ApiClient(sidecar.apiUrl);
    }

    @AfterAll
    void stop() throws Exception {
        sidecar.close();
    }

    /** Events as they arrive, each with the moment it arrived. */
    record Received(JsonNode event, Instant at) {
    }

    private WebSocket webSocket(String query, BlockingQueue<Received> into) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + SidecarProcess.TOKEN)
                .buildAsync(URI.create(sidecar.apiUrl.replace("http:", "ws:") + "/ws" + query), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            into.add(new Received(parse(partial.toString()), Instant.now()));
                            partial.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /** Reads /api/events on a virtual thread into {@code into}; the returned response is the open stream. */
    private HttpResponse<java.util.stream.Stream<String>> serverSentEvents(String query, BlockingQueue<Received> into)
            throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(
                api.request("/api/events" + query).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread.ofVirtual().start(() -> {
            try {
                response.body().forEach(line -> {
                    if (line.startsWith("data: ")) {
                        into.add(new Received(parse(line.substring(6)), Instant.now()));
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                // The test closed the stream.
            }
        });
        return response;
    }

    private static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Json.MalformedJsonException e) {
            throw new AssertionError(text, e);
        }
    }

    private static Received next(BlockingQueue<Received> queue, String type, String server) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            Received r = queue.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && r.event().path("type").asString().equals(type)
                    && r.event().path("data").path("server").asString().equals(server)) {
                return r;
            }
        }
        throw new AssertionError("no " + type + " event for " + server);
    }

    @Test
    void bothStreamsGetStateChangesAndLogLinesInOrder() throws Exception {
        BlockingQueue<Received> ws = new LinkedBlockingQueue<>();
        BlockingQueue<Received> sse = new LinkedBlockingQueue<>();
        WebSocket socket = webSocket("?logs=beta", ws);
        var stream = serverSentEvents("?logs=beta", sse);
        try {
            // One event through both first, so that what is timed below is delivery, not the first use of a path.
            RawMcpSession warmUp = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            warmUp.request("tools/call", Json.object().put("name", "beta__echo")
                    .set("arguments", Json.object().put("message", "warm")));
            next(ws, "call", "beta");
            next(sse, "call", "beta");
            assertThat(api.post("/api/servers/beta/stop", "").status()).isEqualTo(200);
            for (BlockingQueue<Received> queue : List.of(ws, sse)) {
                Received stopped = next(queue, "server-state", "beta");
                assertThat(stopped.event().path("data").path("state").asString()).isEqualTo("stopped");
                Instant published = Instant.parse(stopped.event().path("time").asString());
                System.out.println((queue == ws ? "WebSocket" : "SSE") + ": state change delivered in "
                        + Duration.between(published, stopped.at()).toMillis() + " ms");
            }
            api.post("/api/servers/beta/start", "");
            api.await("/api/servers/beta", s -> s.path("state").asString().equals("running"));

            RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            client.request("tools/call", Json.object().put("name", "beta__write_log")
                    .set("arguments", Json.object().put("lines", 1000)));
            for (BlockingQueue<Received> queue : List.of(ws, sse)) {
                int expected = 1;
                while (expected <= 1000) {
                    String text = next(queue, "log", "beta").event().path("data").path("text").asString();
                    if (text.startsWith("log line ")) {
                        assertThat(text).isEqualTo("log line " + expected + " of 1000");
                        expected++;
                    }
                }
            }
            assertThat(ws).noneMatch(r -> r.event().path("data").path("server").asString().equals("alpha")
                    && r.event().path("type").asString().equals("log"));
        } finally {
            socket.abort();
            stream.body().close();
        }
    }

    @Test
    void aReconnectingClientCatchesUpFromItsLastEventId() throws Exception {
        BlockingQueue<Received> first = new LinkedBlockingQueue<>();
        var stream = serverSentEvents("", first);
        api.post("/api/servers/alpha/restart", "");
        long seen = next(first, "server-state", "alpha").event().path("id").asLong();
        stream.body().close();
        api.await("/api/servers/alpha", s -> s.path("state").asString().equals("running"));

        BlockingQueue<Received> again = new LinkedBlockingQueue<>();
        var resumed = serverSentEvents("?last_event_id=" + seen, again);
        try {
            Received caughtUp = next(again, "server-state", "alpha");
            assertThat(caughtUp.event().path("id").asLong()).isGreaterThan(seen);
        } finally {
            resumed.body().close();
        }
    }

    /**
     * The benchmark's flood (bench/logflood.mjs), the demo server's log_flood at 10,000 lines a second for a few
     * seconds: every line arrives, none twice, in order.
     */
    @Test
    void aSubscriberGetsEveryLineOfTenThousandLinesASecond() throws Exception {
        BlockingQueue<Received> lines = new LinkedBlockingQueue<>();
        var stream = serverSentEvents("?types=log&logs=beta", lines);
        try {
            RawMcpSession logger = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            logFlood(logger, 10_000);
            Thread.sleep(Duration.ofSeconds(3));
            String stopped = logFlood(logger, 0);
            Matcher written = Pattern.compile("stopped after (\\d+) lines in \\d+ ms").matcher(stopped);
            assertThat(written.matches()).as(stopped).isTrue();
            long total = Long.parseLong(written.group(1));
            assertThat(total).as("lines written in 3 s at 10,000 a second").isGreaterThanOrEqualTo(20_000);

            long lastSeq = -1;
            for (long received = 0; received < total; ) {
                Received event = lines.poll(20, TimeUnit.SECONDS);
                assertThat(event).as("line " + (received + 1) + " of " + total).isNotNull();
                JsonNode line = event.event().path("data");
                if (lastSeq >= 0) {
                    assertThat(line.path("seq").asLong()).as("no gap, no repeat").isEqualTo(lastSeq + 1);
                }
                lastSeq = line.path("seq").asLong();
                String text = line.path("text").asString();
                if (text.startsWith("log line ")) {
                    received++;
                    assertThat(text).startsWith("log line " + received + " ");
                }
            }
        } finally {
            stream.body().close();
        }
    }

    private static String logFlood(RawMcpSession client, int linesPerSecond) throws Exception {
        JsonNode answer = client.request("tools/call", Json.object().put("name", "beta__log_flood")
                .set("arguments", Json.object().put("lines_per_second", linesPerSecond)));
        assertThat(answer.path("result").path("isError").asBoolean()).as(answer.toString()).isFalse();
        return answer.path("result").path("content").get(0).path("text").asString();
    }

    @Test
    void aConsumerGetsOnlyTheTypesItAsksFor() throws Exception {
        BlockingQueue<Received> logsOnly = new LinkedBlockingQueue<>();
        BlockingQueue<Received> everything = new LinkedBlockingQueue<>();
        var filtered = serverSentEvents("?types=log&logs=alpha", logsOnly);
        var unfiltered = serverSentEvents("", everything);
        try {
            RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            client.request("tools/call", Json.object().put("name", "alpha__write_log")
                    .set("arguments", Json.object().put("lines", 3)));
            next(everything, "call", "alpha");
            client.request("tools/call", Json.object().put("name", "alpha__write_log")
                    .set("arguments", Json.object().put("lines", 1)));
            // The first call's event was published before the second call began, so before its line: once that
            // line has come through the filtered stream, the call event would have too. (Log lines and call events
            // come from different pipes of the server, so their order among themselves is not fixed.)
            List<String> types = new java.util.ArrayList<>();
            List<String> texts = new java.util.ArrayList<>();
            while (!texts.contains("log line 1 of 1")) {
                Received received = logsOnly.poll(20, TimeUnit.SECONDS);
                assertThat(received).as("events after " + types).isNotNull();
                types.add(received.event().path("type").asString());
                texts.add(received.event().path("data").path("text").asString());
            }
            assertThat(types).containsOnly("log");
            assertThat(texts).contains("log line 1 of 3", "log line 2 of 3", "log line 3 of 3");

            ApiClient.Answer unknown = api.get("/api/events?types=log,bogus");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.body()).contains("bogus", "server-state");
        } finally {
            filtered.body().close();
            unfiltered.body().close();
        }
    }

    /**
     * A consumer that subscribes to every log line and then never reads: the proxy must drop it rather than wait
     * for it, so tool calls keep their pace while the logs flood.
     */
    @Test
    void aConsumerThatStopsReadingDoesNotSlowToolCalls() throws Exception {
        RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
        Duration before = timeEchoCalls(client, 200);

        URI api = URI.create(sidecar.apiUrl);
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new java.net.InetSocketAddress("127.0.0.1", api.getPort()));
            stuck.getOutputStream().write(("GET /api/events?logs=* HTTP/1.1\r\nHost: 127.0.0.1:" + api.getPort()
                    + "\r\nAuthorization: Bearer " + SidecarProcess.TOKEN + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader head = new BufferedReader(new InputStreamReader(stuck.getInputStream(),
                    StandardCharsets.US_ASCII), 64);
            assertThat(head.readLine()).contains("200");
            // From here on nothing is read from the socket.
            Thread flood = Thread.ofVirtual().start(() -> {
                try {
                    RawMcpSession logger = RawMcpSession.open(sidecar.baseUrl + "/mcp");
                    for (int i = 0; i < 5; i++) {
                        logger.request("tools/call", Json.object().put("name", "alpha__write_log")
                                .set("arguments", Json.object().put("lines", 20_000)));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Duration during = timeEchoCalls(client, 200);
            flood.join();
            Duration after = timeEchoCalls(client, 200);
            System.out.printf("200 echo calls: %d ms before, %d ms during a 100,000-line log flood with a stuck "
                    + "consumer, %d ms after%n", before.toMillis(), during.toMillis(), after.toMillis());
            assertThat(after).as("calls after the flood, against before it").isLessThan(before.multipliedBy(3)
                    .plusMillis(500));
            assertThat(during).as("calls during the flood, against before it").isLessThan(before.multipliedBy(5)
                    .plusSeconds(2));
        }
    }

    private static Duration timeEchoCalls(RawMcpSession client, int calls) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            JsonNode answer = client.request("tools/call", Json.object().put("name", "alpha__echo")
                    .set("arguments", Json.object().put("message", "m" + i)));
            assertThat(answer.path("result").path("content").get(0).path("text").asString()).isEqualTo("m" + i);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
