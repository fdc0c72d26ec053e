package dev.mcpproxy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.ApiClient;
import dev.mcpproxy.server.RawMcpSession;
import dev.mcpproxy.server.SidecarProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** Contract tests of every management route, over real HTTP, against a real sidecar with two demo servers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementApiTest {

    private Path config;
    private SidecarProcess sidecar;
    private ApiClient api;

    static String twoDemos() {
        return "servers:\n" + SidecarProcess.demoEntry("alpha") + SidecarProcess.demoEntry("beta");
    }

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "api-");
        config = dir.resolve("mcp-proxy-config.yaml");
        Files.writeString(config, twoDemos());
        sidecar = SidecarProcess.start(config);
        sidecar.awaitRunning(2);
        api = new ApiClient(sidecar.apiUrl);
    }

    @AfterAll
    void stop() throws Exception {
        sidecar.close();
    }

    @Test
    void healthIsOpenAndCountsServers() throws Exception {
        var answer = api.send(HttpRequest.newBuilder(URI.create(sidecar.apiUrl + "/health")).build());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("servers").path("total").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void serversListAndDetail() throws Exception {
        JsonNode servers = api.get("/api/servers").json();
        assertThat(names(servers)).contains("alpha", "beta");
        JsonNode alpha = servers.get(0);
        assertThat(alpha.path("state").asString()).isEqualTo("running");
        assertThat(alpha.path("pid").asLong()).isPositive();
        assertThat(alpha.path("tools_count").asInt()).isEqualTo(6);
        assertThat(alpha.path("transport").asString()).isEqualTo("stdio");
        assertThat(alpha.path("health").asString()).isEqualTo("ok");

        JsonNode detail = api.get("/api/servers/alpha").json();
        assertThat(names(detail.path("tools"))).contains("echo", "write_log");
        assertThat(detail.path("tools").get(0).path("inputSchema").isObject()).isTrue();
        assertThat(names(detail.path("prompts"))).contains("summarize");
        assertThat(detail.path("resources").size()).isPositive();
        assertThat(detail.path("server_info").path("name").asString()).isEqualTo("mcp-proxy-demo");

        assertThat(api.get("/api/servers/nobody").status()).isEqualTo(404);
        assertThat(api.get("/api/servers/..").status()).isIn(400, 404);
        assertThat(api.get("/api/servers/a%2F..%2Fb").status()).isEqualTo(400);
    }

    @Test
    void stopStartRestart() throws Exception {
        long pid = api.get("/api/servers/beta").json().path("pid").asLong();
        var stopped = api.post("/api/servers/beta/stop", "");
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().path("state").asString()).isEqualTo("stopped");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        assertThat(api.post("/api/servers/beta/start", "").status()).isEqualTo(200);
        JsonNode running = api.await("/api/servers/beta", s -> s.path("state").asString().equals("running"));
        int restarts = running.path("restarts").asInt();
        assertThat(api.post("/api/servers/beta/restart", "").status()).isEqualTo(200);
        JsonNode again = api.await("/api/servers/beta", s -> s.path("state").asString().equals("running"));
        assertThat(again.path("restarts").asInt()).isEqualTo(restarts + 1);
        assertThat(api.post("/api/servers/nobody/start", "").status()).isEqualTo(404);
        assertThat(api.get("/api/servers/beta/start").status()).isEqualTo(405);
    }

    @Test
    void logsCallsAndMetrics() throws Exception {
        RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
        JsonNode result = client.request("tools/call", Json.object().put("name", "alpha__write_log")
                .set("arguments", Json.object().put("lines", 5)));
        assertThat(result.path("result").path("content").get(0).path("text").asString()).isEqualTo("wrote 5 lines");

        JsonNode logs = api.await("/api/logs/alpha?lines=5", l -> texts(l).contains("log line 5 of 5"));
        assertThat(texts(logs)).containsSubsequence("log line 1 of 5", "log line 5 of 5");
        assertThat(logs.path("lines").get(4).path("stream").asString()).isEqualTo("stderr");
        long next = logs.path("next").asLong();
        assertThat(api.get("/api/logs/alpha?since=" + next).json().path("lines").size()).isZero();
        assertThat(api.get("/api/logs/alpha?since=" + (next - 2)).json().path("lines").size()).isEqualTo(2);
        assertThat(api.get("/api/logs/_proxy?lines=50").json().path("lines").size()).isPositive();
        assertThat(api.get("/api/logs/alpha?lines=-1").status()).isEqualTo(400);
        assertThat(api.get("/api/logs/nobody").status()).isEqualTo(404);

        JsonNode calls = api.get("/api/calls?limit=20").json().path("calls");
        JsonNode call = StreamSupport.stream(calls.spliterator(), false)
                .filter(c -> c.path("target").asString().equals("write_log")).findFirst().orElseThrow();
        assertThat(call.path("server").asString()).isEqualTo("alpha");
        assertThat(call.path("method").asString()).isEqualTo("tools/call");
        assertThat(call.path("outcome").asString()).isEqualTo("ok");
        assertThat(call.path("client").asString()).isEqualTo("raw-test-client");
        assertThat(call.path("duration_ms").asDouble()).isPositive();

        var metrics = api.get("/metrics");
        assertThat(metrics.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("mcp_proxy_calls_total{server=\"alpha\",method=\"tools/call\",target=\"write_log\"} 1")
                .contains("mcp_proxy_call_duration_seconds_bucket{server=\"alpha\",method=\"tools/call\","
                        + "target=\"write_log\",le=\"+Inf\"} 1")
                .contains("mcp_proxy_server_up{server=\"alpha\"} 1")
                .contains("mcp_proxy_sessions ");
    }

    @Test
    void configReadValidateAndRejectInvalid() throws Exception {
        JsonNode shown = api.get("/api/config").json();
        assertThat(shown.path("yaml").asString()).isEqualTo(Files.readString(config));
        assertThat(shown.path("path").asString()).isEqualTo(config.toAbsolutePath().normalize().toString());

        JsonNode valid = api.post("/api/config/validate", ApiClient.yamlBody(twoDemos())).json();
        assertThat(valid.path("valid").asBoolean()).isTrue();
        JsonNode invalid = api.post("/api/config/validate",
                ApiClient.yamlBody("servers:\n  - name: x\n    transport: stdoi\n")).json();
        assertThat(invalid.path("valid").asBoolean()).isFalse();
        assertThat(invalid.path("problems").get(0).path("text").asString()).contains(":3:").contains("transport");

        String before = Files.readString(config);
        var rejected = api.put("/api/config", ApiClient.yamlBody("servers:\n  - name: x\n"));
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.json().path("problems").size()).isPositive();
        assertThat(Files.readString(config)).isEqualTo(before);
        String nanInterval = "health_check: {interval: NaN}\n" + twoDemos();
        JsonNode nan = api.post("/api/config/validate", ApiClient.yamlBody(nanInterval)).json();
        assertThat(nan.path("valid").asBoolean()).isFalse();
        assertThat(nan.path("problems").get(0).path("text").asString())
                .contains(":1:26: health_check.interval: NaN is not a number of seconds.");
        var nanRejected = api.put("/api/config", ApiClient.yamlBody(nanInterval));
        assertThat(nanRejected.status()).isEqualTo(422);
        assertThat(nanRejected.json().path("problems").get(0).path("field").asString())
                .isEqualTo("health_check.interval");
        assertThat(Files.readString(config)).isEqualTo(before);
        assertThat(api.get("/api/servers/alpha").json().path("state").asString()).isEqualTo("running");
        assertThat(api.put("/api/config", "{\"yaml\": 3}").status()).isEqualTo(400);
        assertThat(api.put("/api/config", "{\"yaml\": \"a\", \"extra\": 1}").status()).isEqualTo(400);
        assertThat(api.put("/api/config", "{not json").status()).isEqualTo(400);
        assertThat(api.send(api.request("/api/config").header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build()).status()).isEqualTo(415);
    }

    @Test
    void addAndRemoveAServer() throws Exception {
        String before = Files.readString(config);
        var invalid = api.post("/api/servers", "{\"name\": \"gamma\", \"transport\": \"stdio\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(Files.readString(config)).isEqualTo(before);
        assertThat(api.post("/api/servers", "{\"name\": \"alpha\", \"command\": \"x\"}").status()).isEqualTo(409);
        assertThat(api.post("/api/servers", "{\"name\": \"../etc\", \"command\": \"x\"}").status()).isEqualTo(400);

        String java = ProcessHandle.current().info().command().orElseThrow();
        String jar = Path.of("../mcp-proxy-demo/target/mcp-proxy-demo.jar").toAbsolutePath().normalize().toString();
        var added = api.post("/api/servers", Json.write(Json.object().put("name", "gamma").put("command", java)
                .set("args", Json.array().add("-Xmx32m").add("-jar").add(jar))));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().path("change").path("added").get(0).asString()).isEqualTo("gamma");
        assertThat(Files.readString(config)).contains("gamma");
        assertThat(Files.readString(config.resolveSibling(config.getFileName() + ".bak"))).isEqualTo(before);
        api.await("/api/servers/gamma", s -> s.path("state").asString().equals("running"));

        var removed = api.delete("/api/servers/gamma");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(Files.readString(config)).doesNotContain("gamma");
        assertThat(api.get("/api/servers/gamma").status()).isEqualTo(404);
        assertThat(api.delete("/api/servers/gamma").status()).isEqualTo(404);
    }

    @Test
    void changingOneServerRestartsOnlyThatOne() throws Exception {
        long alphaPid = api.get("/api/servers/alpha").json().path("pid").asLong();
        long betaPid = api.get("/api/servers/beta").json().path("pid").asLong();
        RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
        AtomicBoolean calling = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            while (calling.get()) {
                try {
                    JsonNode answer = client.request("tools/call", Json.object().put("name", "alpha__echo")
                            .set("arguments", Json.object().put("message", "still here")));
                    if (answer.path("result").path("content").get(0).path("text").asString().equals("still here")) {
                        ok.incrementAndGet();
                    } else {
                        failures.add(answer.toString());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        Thread.sleep(200);
        String changed = "servers:\n" + SidecarProcess.demoEntry("alpha") + SidecarProcess.demoEntry("beta")
                + "    env:\n      DEMO_SETTING: changed\n";
        var put = api.put("/api/config", ApiClient.yamlBody(changed));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("change").path("changed").toString()).isEqualTo("[\"beta\"]");
        api.await("/api/servers/beta", s -> s.path("state").asString().equals("running")
                && s.path("pid").asLong() != betaPid);
        Thread.sleep(200);
        calling.set(false);
        caller.join();
        assertThat(failures).isEmpty();
        assertThat(ok.get()).isPositive();
        assertThat(api.get("/api/servers/alpha").json().path("pid").asLong()).isEqualTo(alphaPid);
        assertThat(Files.readString(config)).isEqualTo(changed);
        assertThat(api.put("/api/config", ApiClient.yamlBody(twoDemos())).status()).isEqualTo(200);
    }

    @Test
    void importPreviewsThenApplies() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow().replace("\\", "\\\\");
        String jar = Path.of("../mcp-proxy-demo/target/mcp-proxy-demo.jar").toAbsolutePath().normalize().toString();
        String claude = "{\"mcpServers\": {\"delta\": {\"command\": \"" + java + "\", \"args\": [\"-jar\", \"" + jar
                + "\"]}}}";
        String before = Files.readString(config);
        var preview = api.post("/api/import", Json.write(Json.object().put("json", claude)));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("servers").toString()).isEqualTo("[\"delta\"]");
        assertThat(preview.json().path("merged").asString()).contains("alpha").contains("delta");
        assertThat(preview.json().path("applied").asBoolean()).isFalse();
        assertThat(Files.readString(config)).isEqualTo(before);

        var applied = api.post("/api/import", "{\"json\": " + claude + ", \"apply\": true}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().path("change").path("added").toString()).isEqualTo("[\"delta\"]");
        api.await("/api/servers/delta", s -> s.path("state").asString().equals("running"));
        assertThat(api.post("/api/import", "{\"json\": " + claude + ", \"apply\": true}").status()).isEqualTo(422);
        assertThat(api.post("/api/import", "{\"json\": \"{broken\"}").status()).isEqualTo(422);
        assertThat(api.delete("/api/servers/delta").status()).isEqualTo(200);
    }

    @Test
    void handEditsOfTheFileAreAppliedAndInvalidOnesIgnored() throws Exception {
        Files.writeString(config, twoDemos() + SidecarProcess.demoEntry("epsilon"));
        api.await("/api/servers/epsilon", s -> s.path("state").asString().equals("running"));
        Files.writeString(config, "servers:\n  - name: [broken\n");
        api.await("/api/logs/_proxy?lines=20", l -> texts(l).stream().anyMatch(t -> t.contains("is not valid")));
        assertThat(api.get("/api/servers/epsilon").json().path("state").asString()).isEqualTo("running");
        Files.writeString(config, twoDemos());
        api.await("/api/servers", s -> !names(s).contains("epsilon"));
    }

    static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path("name").asString()).toList();
    }

    static List<String> texts(JsonNode logs) {
        return StreamSupport.stream(logs.path("lines").spliterator(), false).map(n -> n.path("text").asString())
                .toList();
    }
}
