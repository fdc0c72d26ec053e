package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The official TypeScript SDK's client (testing/node/sdk-client.mjs), through the proxy, against two real npm servers. */
class TypeScriptSdkClientTest {

    @TempDir
    static Path dir;
    static SidecarProcess sidecar;

    @BeforeAll
    static void startProxy() throws Exception {
        sidecar = SidecarProcess.start(dir, SidecarProcess.everythingAndMemoryYaml());
        sidecar.awaitRunning(2);
    }

    @AfterAll
    static void stopProxy() throws Exception {
        sidecar.close();
    }

    @Test
    void streamableHttpClientListsAndCallsToolsOfBothServers() throws Exception {
        JsonNode seen = runClient("--http", sidecar.baseUrl + "/mcp");
        assertListedAndCalled(seen);
        assertThat(seen.path("protocolVersion").asString()).isEqualTo("2025-11-25");
    }

    @Test
    void legacySseClientListsAndCallsToolsOfBothServers() throws Exception {
        assertListedAndCalled(runClient("--sse", sidecar.baseUrl + "/sse"));
    }

    private static void assertListedAndCalled(JsonNode seen) {
        assertThat(seen.path("server").path("name").asString()).isEqualTo("mcp-proxy");
        List<String> tools = seen.path("tools").valueStream().map(JsonNode::asString).toList();
        assertThat(tools).contains("everything__echo", "memory__read_graph", "memory__create_entities");

        JsonNode echo = seen.path("results").get(0);
        assertThat(echo.path("isError").asBoolean(false)).isFalse();
        assertThat(echo.path("content").get(0).path("text").asString()).contains("from the TypeScript SDK");

        JsonNode created = seen.path("results").get(1);
        assertThat(created.path("isError").asBoolean(false)).as(created.toString()).isFalse();
        JsonNode graph = seen.path("results").get(2);
        assertThat(graph.path("content").get(0).path("text").asString()).contains("ts-sdk-entity");
    }

    private static JsonNode runClient(String transportFlag, String url) throws Exception {
        Path nodeDir = SidecarProcess.nodeModules().getParent();
        Process client = new ProcessBuilder("node", "sdk-client.mjs", transportFlag, url,
                "--call", "everything__echo={\"message\":\"from the TypeScript SDK\"}",
                "--call", "memory__create_entities={\"entities\":[{\"name\":\"ts-sdk-entity\","
                        + "\"entityType\":\"test\",\"observations\":[\"made through the proxy\"]}]}",
                "--call", "memory__read_graph={}")
                .directory(nodeDir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        client.getOutputStream().close();
        byte[] out = client.getInputStream().readAllBytes();
        if (!client.waitFor(60, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new AssertionError("the TypeScript SDK client did not finish");
        }
        assertThat(client.exitValue()).as("sdk-client.mjs exit code").isZero();
        return Json.parse(new String(out, StandardCharsets.UTF_8).strip());
    }
}
