package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.upstream.http.SseEventReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Large messages through the real sidecar, with the launcher's heap and flags, from a real child process
 * ({@code LargeMessageFixture}): what fits max_message_size is answered, what does not is refused at once with an
 * error that names the limit, and after each the sidecar, its threads and its other server go on.
 */
class LargeMessagesTest {

    @TempDir
    static Path dir;
    private static SidecarProcess sidecar;
    private static RawMcpSession session;

    @BeforeAll
    static void start() throws Exception {
        sidecar = SidecarProcess.start(dir, "servers:\n" + fixtureEntry("big") + fixtureEntry("big2")
                + fixtureEntry("big3") + SidecarProcess.demoEntry("demo"));
        sidecar.awaitRunning(4);
        session = RawMcpSession.open(sidecar.baseUrl + "/mcp");
    }

    @AfterAll
    static void stop() throws Exception {
        sidecar.close();
    }

    /** The fixture as a stdio server; its own heap is large enough for the 15 MB argument it is sent. */
    static String fixtureEntry(String name) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path jar = Path.of("../mcp-proxy-demo/target/mcp-proxy-demo.jar").toAbsolutePath().normalize();
        return """
                  - name: %s
                    command: "%s"
                    args: ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m", "-cp", "%s", \
                "dev.mcpproxy.demo.LargeMessageFixture"]
                """.formatted(name, java, jar);
    }

    private static JsonNode callTool(String tool, ObjectNode arguments) throws Exception {
        ObjectNode params = Json.object().put("name", "big__" + tool);
        params.set("arguments", arguments);
        return session.request("tools/call", params);
    }

    @Test
    void aResultOverTheLimitWithItsIdLastIsRefusedAtOnceWithAnErrorThatNamesTheLimit() throws Exception {
        long started = System.nanoTime();
        JsonNode answer = callTool("big_result", Json.object().put("megabytes", 40));
        assertThat(answer.path("error").path("message").asString())
                .isEqualTo("big: the answer to tools/call was 40.0 MB, more than max_message_size (32 MiB) allows."
                        + " Raise max_message_size in the configuration, or ask for less.");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertStillServing();
    }

    @Test
    void aResultOverTheLimitWithItsIdFirstIsRefusedToo() throws Exception {
        JsonNode answer = callTool("big_result_id_first", Json.object().put("megabytes", 34));
        assertThat(answer.path("error").path("message").asString())
                .startsWith("big: the answer to tools/call was 34.0 MB, more than max_message_size (32 MiB)");
        assertStillServing();
    }

    @Test
    void aTwentyMegabyteResourceIsAnswered() throws Exception {
        JsonNode answer = session.request("resources/read", Json.object().put("uri", "big://blob/20"));
        String blob = answer.path("result").path("contents").path(0).path("blob").asString();
        assertThat(blob.length()).isEqualTo(20_000_000 / 3 * 4);
        assertThat(blob).startsWith("AAAA").endsWith("AAAA");
        assertStillServing();
    }

    @Test
    void aLargeAnswerAfterProgressComesAsOneEventOnTheCallsStream() throws Exception {
        ObjectNode params = Json.object().put("name", "big__big_result");
        params.putObject("arguments").put("megabytes", 3);
        params.putObject("_meta").put("progressToken", "p-1");
        JsonNode answer = session.request("tools/call", params);
        assertThat(answer.path("result").path("content").path(0).path("text").asString()).hasSize(3_000_000);
    }

    @Test
    void aLargeAnswerOnTheLegacySseTransportComesAsOneEventOnTheSessionsStream() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        InputStream stream = http.send(HttpRequest.newBuilder(URI.create(sidecar.baseUrl + "/sse"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream()).body();
        BlockingQueue<SseEventReader.Event> events = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try {
                SseEventReader.read(stream, 64 << 20, events::add, size -> { });
            } catch (IOException e) {
                // The test ended the stream.
            }
        });
        URI messages = URI.create(sidecar.baseUrl).resolve(events.poll(10, TimeUnit.SECONDS).data());
        post(http, messages, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"legacy\",\"version\":\"1\"}}}");
        events.poll(10, TimeUnit.SECONDS);
        post(http, messages, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        post(http, messages, "{\"jsonrpc\":\"2.0\",\"id\":\"r-2\",\"method\":\"resources/read\",\"params\":"
                + "{\"uri\":\"big://blob/3\"}}");
        JsonNode answer = Json.parse(events.poll(20, TimeUnit.SECONDS).data());
        assertThat(answer.path("id").asString()).isEqualTo("r-2");
        assertThat(answer.path("result").path("contents").path(0).path("blob").asString()).hasSize(3_000_000 / 3 * 4);
        stream.close();
    }

    private static void post(HttpClient http, URI uri, String message) throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(message)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(202);
    }

    /**
     * Three 25 MB answers at once would take more than the launcher's heap between them: each is carried, or
     * refused saying that it did not fit beside the others, and memory never runs out.
     */
    @Test
    void severalServersAnsweringLargeAtOnceAreCarriedOrRefusedClearlyWithoutRunningOutOfMemory() throws Exception {
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (String server : List.of("big", "big2", "big3")) {
            RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            ObjectNode params = Json.object().put("name", server + "__big_result");
            params.putObject("arguments").put("megabytes", 25);
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return client.request("tools/call", params);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> Thread.ofVirtual().start(runnable)));
        }
        for (CompletableFuture<JsonNode> answer : answers) {
            JsonNode message = answer.get(60, TimeUnit.SECONDS);
            if (message.has("error")) {
                assertThat(message.path("error").path("message").asString())
                        .contains("did not fit beside the other large messages the proxy is carrying");
            } else {
                assertThat(message.path("result").path("content").path(0).path("text").asString())
                        .hasSize(25_000_000);
            }
        }
        assertStillServing();
    }

    @Test
    void theCallLogKeepsTheOutcomeOfALargeAnswerPassedOnAsItCame() throws Exception {
        JsonNode failed = callTool("big_result", Json.object().put("megabytes", 2).put("is_error", true));
        assertThat(failed.path("result").path("isError").asBoolean()).isTrue();
        JsonNode worked = callTool("big_result", Json.object().put("megabytes", 2));
        assertThat(worked.path("result").path("content").path(0).path("text").asString()).hasSize(2_000_000);
        JsonNode calls = new ApiClient(sidecar.apiUrl).send(new ApiClient(sidecar.apiUrl)
                .request("/api/calls?limit=2").build()).json().path("calls");
        assertThat(calls.findValuesAsString("outcome")).containsExactlyInAnyOrder("tool-error", "ok");
        assertThat(calls.findValuesAsString("target")).containsOnly("big_result");
    }

    /** Read into a tree, a 15 MB argument needs ~96 MB of heap: the launcher's 128 MB carry it. */
    @Test
    void aFifteenMegabyteArgumentIsCarriedAtTheLaunchersHeap() throws Exception {
        JsonNode answer = callTool("argument_size", Json.object().put("data", "d".repeat(15_000_000)));
        assertThat(answer.path("result").path("content").path(0).path("text").asString()).isEqualTo("15000000");
        assertStillServing();
    }

    /** At 64 MB there is no room for it: refused at once, with its own id, saying what it needs. */
    @Test
    void aRequestTooLargeForASmallerHeapIsRefusedWithItsIdSayingWhatMemoryItNeeds(@TempDir Path own)
            throws Exception {
        try (SidecarProcess small = SidecarProcess.start(own, "servers:\n" + fixtureEntry("big"), List.of("-Xmx64m"))) {
            small.awaitRunning(1);
            ObjectNode params = Json.object().put("name", "big__argument_size");
            params.set("arguments", Json.object().put("data", "d".repeat(15_000_000)));
            JsonNode answer = RawMcpSession.open(small.baseUrl + "/mcp").request("tools/call", params);
            assertThat(answer.path("id").isIntegralNumber()).as("the refusal names the request it refuses").isTrue();
            assertThat(answer.path("error").path("message").asString())
                    .startsWith("The request (15.0 MB) needs about 75 MB of the proxy's memory to be carried")
                    .contains("give the sidecar more heap (-Xmx)");
            assertThat(small.stderr).noneMatch(line -> line.contains("OutOfMemoryError"));
        }
    }

    @Test
    void anAnswerThatIsNotJsonFailsItsCallAtOnceAndIsLoggedWithTheServersNameAndACut() throws Exception {
        long started = System.nanoTime();
        JsonNode answer = callTool("malformed", Json.object());
        assertThat(answer.path("error").path("message").asString())
                .startsWith("big sent a malformed answer to tools/call: ");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        // The sidecar's stderr is read on a thread of the test's: the line may come a moment after the answer.
        for (int i = 0; i < 100 && sidecar.stderr.stream().noneMatch(l -> l.contains("not valid JSON")); i++) {
            Thread.sleep(50);
        }
        assertThat(sidecar.stderr).anySatisfy(line -> assertThat(line)
                .contains("big wrote a line that is not valid JSON")
                .contains("{\"jsonrpc\":\"2.0\",\"id\":"));
        assertStillServing();
    }

    @Test
    void anHttpUpstreamsAnswerOverTheLimitIsRefusedNamingItAndOneWithinIsCarried() throws Exception {
        String yaml = "max_message_size: 8\nservers:\n  - name: front\n    transport: streamable-http\n    url: "
                + sidecar.baseUrl + "/mcp\n";
        try (SidecarProcess outer = SidecarProcess.start(Files.createDirectories(dir.resolve("outer")), yaml)) {
            outer.awaitRunning(1);
            RawMcpSession client = RawMcpSession.open(outer.baseUrl + "/mcp");
            ObjectNode params = Json.object().put("name", "front__big__big_result");
            params.putObject("arguments").put("megabytes", 9);
            assertThat(client.request("tools/call", params).path("error").path("message").asString())
                    .isEqualTo("front: the answer to tools/call was more than max_message_size (8 MiB) allows."
                            + " Raise max_message_size in the configuration, or ask for less.");
            params.putObject("arguments").put("megabytes", 5);
            assertThat(client.request("tools/call", params).path("result").path("content").path(0).path("text")
                    .asString()).hasSize(5_000_000);
            assertThat(outer.stderr).noneSatisfy(line -> assertThat(line).contains("OutOfMemoryError"));
        }
        assertStillServing();
    }

    /** The other server answers, every serving thread and the fixture's readers live, and no memory ran out. */
    private static void assertStillServing() throws Exception {
        ObjectNode params = Json.object().put("name", "demo__echo");
        params.putObject("arguments").put("message", "still here");
        JsonNode echoed = session.request("tools/call", params);
        assertThat(echoed.path("result").path("content").path(0).path("text").asString()).isEqualTo("still here");
        assertThat(threadDump()).contains("\"mcp-http\"", "\"api-http\"", "\"big-stdout\"", "\"big-stderr\"",
                "\"demo-stdout\"");
        assertThat(sidecar.stderr).noneSatisfy(line -> assertThat(line).contains("OutOfMemoryError"));
    }

    private static String threadDump() throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(sidecar.process.pid()), "Thread.print")
                .redirectErrorStream(true).start();
        String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return dump;
    }
}
