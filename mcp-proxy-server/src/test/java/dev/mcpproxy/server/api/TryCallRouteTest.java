package dev.mcpproxy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.ApiClient;
import dev.mcpproxy.server.ShellResponder;
import dev.mcpproxy.server.SidecarProcess;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The UI's tool tester and traffic view against a real sidecar: calls made through {@code /api/servers/{name}/call}
 * to real children, and each call's request, answer and log range from {@code /api/calls/{id}}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TryCallRouteTest {

    private SidecarProcess sidecar;
    private ApiClient api;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "try-call-");
        String yaml = "servers:\n" + SidecarProcess.demoEntry("alpha") + SidecarProcess.demoEntry("slow")
                // Under count_slowly's 4 s to 20, and over a JVM's start on a loaded machine (the handshake has it too).
                + "    request_timeout: 3\n" + """
                  - name: logger
                    command: sh
                    args: ["%s"]
                """.formatted(fixture("logging-responder.sh")) + ShellResponder.entry("idle");
        sidecar = SidecarProcess.start(dir, yaml);
        sidecar.awaitRunning(4);
        api = new ApiClient(sidecar.apiUrl);
    }

    @AfterAll
    void stop() throws Exception {
        sidecar.close();
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(TryCallRouteTest.class.getResource("/fixtures/" + name).toURI());
    }

    private ApiClient.Answer call(String server, String method, JsonNode params) throws Exception {
        ObjectNode body = Json.object().put("method", method);
        body.set("params", params);
        return api.post("/api/servers/" + server + "/call", Json.write(body));
    }

    private static ObjectNode tool(String name, ObjectNode arguments) {
        ObjectNode params = Json.object().put("name", name);
        params.set("arguments", arguments);
        return params;
    }

    /** The newest call the UI made of {@code target}, from the list. */
    private JsonNode listed(String target) throws Exception {
        JsonNode calls = api.get("/api/calls?limit=50").json().path("calls");
        return StreamSupport.stream(calls.spliterator(), false)
                .filter(c -> c.path("target").asString().equals(target)
                        && c.path("client").asString().equals(TryCallRoute.CLIENT))
                .findFirst().orElseThrow(() -> new AssertionError("no call of " + target + " in " + calls));
    }

    @Test
    void aToolCalledFromTheUiAnswersWithItsResultAndIsKeptWithItsRequestAndAnswer() throws Exception {
        var answer = call("alpha", "tools/call", tool("echo", Json.object().put("message", "hello from the UI")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("result").path("content").get(0).path("text").asString())
                .isEqualTo("hello from the UI");

        JsonNode call = listed("echo");
        assertThat(call.path("server").asString()).isEqualTo("alpha");
        assertThat(call.path("outcome").asString()).isEqualTo("ok");
        JsonNode detail = api.get("/api/calls/" + call.path("id").asLong()).json();
        assertThat(detail.path("request").path("method").asString()).isEqualTo("tools/call");
        assertThat(detail.path("request").path("params").path("name").asString()).isEqualTo("echo");
        assertThat(detail.path("request").path("params").path("arguments").path("message").asString())
                .isEqualTo("hello from the UI");
        assertThat(detail.path("response").path("result").path("content").get(0).path("text").asString())
                .isEqualTo("hello from the UI");
        assertThat(detail.path("request_truncated").asBoolean()).isFalse();
        assertThat(detail.path("response_truncated").asBoolean()).isFalse();
        assertThat(detail.path("log_to").asLong()).isGreaterThanOrEqualTo(detail.path("log_from").asLong());
        assertThat(api.get("/metrics").body())
                .contains("mcp_proxy_calls_total{server=\"alpha\",method=\"tools/call\",target=\"echo\"}");
    }

    @Test
    void aCallsLogRangeHoldsTheLinesItsServerWroteWhileItRan() throws Exception {
        var answer = call("logger", "tools/call", tool("log_and_answer", Json.object()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode call = listed("log_and_answer");
        long from = call.path("log_from").asLong();
        long to = call.path("log_to").asLong();
        JsonNode lines = api.get("/api/logs/logger?since=" + from).json().path("lines");
        List<String> during = StreamSupport.stream(lines.spliterator(), false)
                .filter(line -> line.path("seq").asLong() < to).map(line -> line.path("text").asString()).toList();
        long upstreamId = api.get("/api/calls/" + call.path("id").asLong()).json().path("request").path("id")
                .asLong();
        assertThat(during).containsExactly("serving call " + upstreamId);
    }

    @Test
    void callEventsCarryTheFieldsOfTheList() throws Exception {
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(
                api.request("/api/events?types=call").timeout(Duration.ofMinutes(1)).build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread.ofVirtual().start(() -> {
            try {
                stream.body().filter(line -> line.startsWith("data: "))
                        .forEach(line -> events.add(parse(line.substring(6))));
            } catch (java.io.UncheckedIOException e) {
                // The test closed the stream.
            }
        });
        try {
            call("alpha", "tools/call", tool("now", Json.object()));
            JsonNode event;
            do {
                event = events.poll(20, TimeUnit.SECONDS);
                assertThat(event).as("a call event").isNotNull();
            } while (!event.path("data").path("target").asString().equals("now"));
            assertThat(event.path("data")).isEqualTo(listed("now"));
            assertThat(event.path("data").has("log_from")).isTrue();
        } finally {
            stream.body().close();
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Json.MalformedJsonException e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void toolErrorsResultsOfPromptsAndResourcesAndErrorsOfTheServerAreAnsweredAsTheyCame() throws Exception {
        var toolError = call("alpha", "tools/call", tool("add", Json.object().put("a", "one")));
        assertThat(toolError.status()).isEqualTo(200);
        assertThat(toolError.json().path("result").path("isError").asBoolean()).isTrue();
        assertThat(listed("add").path("outcome").asString()).isEqualTo("tool-error");

        var prompt = call("alpha", "prompts/get", Json.object().put("name", "summarize")
                .set("arguments", Json.object().put("text", "A long story")));
        assertThat(prompt.status()).isEqualTo(200);
        assertThat(prompt.json().path("result").path("messages").get(0).path("content").path("text").asString())
                .contains("A long story");
        var resource = call("alpha", "resources/read", Json.object().put("uri", "demo://greeting/UI"));
        assertThat(resource.json().path("result").path("contents").get(0).path("text").asString())
                .isEqualTo("Hello, UI!");

        var rpcError = call("alpha", "prompts/get", Json.object().put("name", "summarize"));
        assertThat(rpcError.status()).isEqualTo(200);
        assertThat(rpcError.json().path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(rpcError.json().path("error").path("message").asString())
                .isEqualTo("summarize needs the argument text");
        assertThat(call("alpha", "resources/read", Json.object().put("uri", "demo://nothing")).json()
                .path("error").path("code").asInt()).isEqualTo(-32002);
    }

    @Test
    void aCallTheServerDoesNotAnswerInItsRequestTimeoutGets504() throws Exception {
        var timedOut = call("slow", "tools/call", tool("count_slowly", Json.object().put("to", 20)));
        assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(504);
        assertThat(timedOut.json().path("error").path("message").asString())
                .contains("slow did not answer tools/call within 3 s (request_timeout)");
        assertThat(listed("count_slowly").path("outcome").asString()).isEqualTo("error");
    }

    @Test
    void aLargeCallIsKeptAsThe64KibItStartsWith() throws Exception {
        String message = "é".repeat(60_000);
        var answer = call("alpha", "tools/call", tool("echo", Json.object().put("message", message)));
        assertThat(answer.json().path("result").path("content").get(0).path("text").asString()).isEqualTo(message);
        JsonNode detail = api.get("/api/calls/" + listed("echo").path("id").asLong()).json();
        assertThat(detail.path("request_truncated").asBoolean()).isTrue();
        assertThat(detail.path("response_truncated").asBoolean()).isTrue();
        assertThat(detail.path("response_bytes").asLong()).isGreaterThan(120_000);
        String kept = detail.path("response").asString();
        assertThat(kept.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isBetween(65_533, 65_536);
        assertThat(kept).startsWith("{\"jsonrpc\":\"2.0\"").endsWith("éé");
    }

    @Test
    void aServerThatIsNotRunningGets409SayingItsState() throws Exception {
        assertThat(api.post("/api/servers/idle/stop", "").status()).isEqualTo(200);
        try {
            var refused = call("idle", "tools/call", tool("anything", Json.object()));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().path("error").asString()).startsWith("idle is stopped, not running");
        } finally {
            api.post("/api/servers/idle/start", "");
            api.await("/api/servers/idle", s -> s.path("state").asString().equals("running"));
        }
    }

    @Test
    void badRequestsGetOneClearMessage() throws Exception {
        assertRefused(call("nobody", "tools/call", tool("echo", Json.object())), 404, "No server named nobody");
        assertRefused(call("alpha", "tools/call", tool("nothing", Json.object())), 404,
                "alpha has no tool named \"nothing\"; its tools: echo, add,");
        assertRefused(call("alpha", "prompts/get", Json.object().put("name", "nothing")), 404,
                "alpha has no prompt named \"nothing\"; its prompts: summarize");
        assertRefused(api.post("/api/servers/alpha/call", "{not json"), 400, "Body is not valid JSON");
        assertRefused(api.post("/api/servers/alpha/call", "{\"params\": {}}"), 400, "Missing field \"method\"");
        assertRefused(call("alpha", "tools/list", Json.object()), 400,
                "method must be one of tools/call, prompts/get, resources/read, not \"tools/list\"");
        assertRefused(api.post("/api/servers/alpha/call", "{\"method\": \"tools/call\"}"), 400,
                "Missing field \"params\"");
        assertRefused(call("alpha", "tools/call", Json.array().add("echo")), 400,
                "Field \"params\" must be a JSON object");
        assertRefused(call("alpha", "tools/call", Json.object().put("arguments", 1)), 400,
                "params.name must be the tool's name, a string");
        assertRefused(call("alpha", "tools/call", Json.object().put("name", "echo").put("arguments", 1)), 400,
                "params.arguments must be a JSON object");
        assertRefused(call("alpha", "resources/read", Json.object()), 400,
                "params.uri must be the resource's uri, a string");
        assertRefused(api.post("/api/servers/alpha/call", "{\"method\": \"tools/call\", \"x\": 1}"), 400,
                "Unknown field \"x\"");
        assertRefused(api.send(api.request("/api/servers/alpha/call").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 415, "Content-Type: application/json");
        assertRefused(api.get("/api/calls/abc"), 400, "A call id is a whole number");
        assertRefused(api.get("/api/calls/999999999"), 404, "No call 999999999 is kept");
    }

    private static void assertRefused(ApiClient.Answer answer, int status, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().path("error").asString()).contains(message);
    }
}
