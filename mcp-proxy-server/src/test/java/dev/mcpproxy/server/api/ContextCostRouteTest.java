package dev.mcpproxy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.ApiClient;
import dev.mcpproxy.server.RawMcpSession;
import dev.mcpproxy.server.SidecarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code /api/context-cost} against a real sidecar with two demo servers, before and after a tool filter. */
class ContextCostRouteTest {

    @TempDir
    Path dir;

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static JsonNode server(JsonNode cost, String name) {
        return list(cost.path("servers")).stream().filter(s -> s.path("name").asString().equals(name)).findFirst()
                .orElseThrow();
    }

    private static Map<String, Integer> tokensByTool(JsonNode server) {
        return list(server.path("tools")).stream().collect(Collectors.toMap(t -> t.path("name").asString(),
                t -> t.path("tokens").asInt()));
    }

    /** Each server's total is the sum of its tools', and the aggregate's the sum of the servers'. */
    private static void assertSumsHold(JsonNode cost) {
        int servers = 0;
        for (JsonNode server : list(cost.path("servers"))) {
            int tools = list(server.path("tools")).stream().mapToInt(t -> t.path("tokens").asInt()).sum();
            assertThat(server.path("total_tokens").asInt()).as(server.path("name").asString()).isEqualTo(tools);
            int hidden = list(server.path("hidden_by_filter").path("tools")).stream()
                    .mapToInt(t -> t.path("tokens").asInt()).sum();
            assertThat(server.path("hidden_by_filter").path("total_tokens").asInt()).isEqualTo(hidden);
            servers += tools;
        }
        assertThat(cost.path("total_tokens").asInt()).isEqualTo(servers);
    }

    @Test
    void eachToolIsCountedAsTheAggregateListsItAndAFilterSavesWhatItHides() throws Exception {
        String twoDemos = "servers:\n" + SidecarProcess.demoEntry("alpha") + SidecarProcess.demoEntry("beta");
        Path config = dir.resolve("mcp-proxy-config.yaml");
        Files.writeString(config, twoDemos);
        try (SidecarProcess sidecar = SidecarProcess.start(config)) {
            sidecar.awaitRunning(2);
            ApiClient api = new ApiClient(sidecar.apiUrl);

            JsonNode cost = api.get("/api/context-cost").json();
            assertThat(cost.path("encoding").asString()).isEqualTo("o200k_base");
            assertSumsHold(cost);
            JsonNode alpha = server(cost, "alpha");
            assertThat(alpha.path("tool_count").asInt()).isEqualTo(6);
            assertThat(alpha.path("hidden_by_filter").path("tool_count").asInt()).isZero();

            JsonNode listed = RawMcpSession.open(sidecar.baseUrl + "/mcp").request("tools/list", Json.object())
                    .path("result").path("tools");
            Map<String, JsonNode> byName = list(listed).stream()
                    .collect(Collectors.toMap(t -> t.path("name").asString(), Function.identity()));
            var o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
            for (JsonNode tool : list(alpha.path("tools"))) {
                JsonNode definition = tool.path("definition");
                assertThat(definition).isEqualTo(byName.get(tool.path("name").asString()));
                assertThat(tool.path("tokens").asInt()).as(tool.path("name").asString())
                        .isEqualTo(o200k.countTokensOrdinary(Json.write(definition)));
            }

            int writeLog = tokensByTool(alpha).get("alpha__write_log");
            String filtered = "servers:\n" + SidecarProcess.demoEntry("alpha")
                    + "    tools: {exclude: [\"write_log\"]}\n" + SidecarProcess.demoEntry("beta");
            assertThat(api.put("/api/config", ApiClient.yamlBody(filtered)).status()).isEqualTo(200);
            JsonNode after = api.await("/api/context-cost",
                    c -> server(c, "alpha").path("hidden_by_filter").path("tool_count").asInt() == 1);
            assertSumsHold(after);
            JsonNode alphaAfter = server(after, "alpha");
            assertThat(tokensByTool(alphaAfter)).doesNotContainKey("alpha__write_log").hasSize(5);
            assertThat(alphaAfter.path("hidden_by_filter").path("tools").get(0).path("name").asString())
                    .isEqualTo("alpha__write_log");
            assertThat(alphaAfter.path("hidden_by_filter").path("total_tokens").asInt()).isEqualTo(writeLog);
            assertThat(alphaAfter.path("total_tokens").asInt())
                    .isEqualTo(alpha.path("total_tokens").asInt() - writeLog);
            assertThat(after.path("total_tokens").asInt()).isEqualTo(cost.path("total_tokens").asInt() - writeLog);
        }
    }

    @Test
    void theTokenizerIsLoadedOnTheFirstRequestNotAtTheStart() throws Exception {
        Path classes = dir.resolve("classes.log");
        try (SidecarProcess sidecar = SidecarProcess.start(dir, "servers:\n" + SidecarProcess.demoEntry("alpha"),
                List.of("-Xlog:class+load=info:file=" + classes))) {
            sidecar.awaitRunning(1);
            assertThat(Files.readString(classes)).contains("dev.mcpproxy.server.api.ContextCostRoute")
                    .doesNotContain("com.knuddels.jtokkit");
            assertThat(new ApiClient(sidecar.apiUrl).get("/api/context-cost").status()).isEqualTo(200);
            assertThat(Files.readString(classes)).contains("com.knuddels.jtokkit.api.Encoding ");
        }
    }
}
