package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.demo.ManyToolsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thousands of tools of a real server's size (about 1.3 KB each), from one server and from many, listed whole on
 * /mcp and in the API by the real sidecar at the launcher's heap (jvm.options), which stays alive and answering.
 */
class ManyToolsTest {

    @TempDir
    Path dir;

    @Test
    void oneServerWithFiveThousandToolsHasEveryToolListedOnMcpAndInTheApi() throws Exception {
        try (SidecarProcess sidecar = SidecarProcess.start(dir,
                "servers:\n" + manyToolsFixture("many", 5000))) {
            sidecar.awaitRunning(1);
            RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            List<String> listed = listTools(client);
            assertThat(listed).hasSize(5000).doesNotHaveDuplicates().allMatch(n -> n.startsWith("many__records_"));

            ApiClient api = new ApiClient(sidecar.apiUrl);
            JsonNode detail = api.get("/api/servers/many").json();
            assertThat(detail.path("state").asString()).isEqualTo("running");
            assertThat(detail.path("tools_count").asInt()).isEqualTo(5000);
            assertThat(detail.path("tools").size()).isEqualTo(5000);
            assertThat(detail.path("tools").get(4999).path("name").asString()).isEqualTo(ManyToolsFixture.name(4999));
            assertThat(detail.path("tools").get(4999).path("inputSchema").path("properties").size()).isEqualTo(6);

            assertAliveAndAnswering(sidecar, client, "many__" + ManyToolsFixture.name(4999));
        }
    }

    @Test
    void fiftyServersWithAHundredToolsEachHaveEveryToolListedOnMcpAndInTheApi() throws Exception {
        Path tools = dir.resolve("tools.json");
        Files.writeString(tools, ManyToolsFixture.toolsListResult(100));
        StringBuilder yaml = new StringBuilder("servers:\n");
        for (int i = 0; i < 50; i++) {
            yaml.append(ShellResponder.entry("s%02d".formatted(i), tools));
        }
        try (SidecarProcess sidecar = SidecarProcess.start(dir, yaml.toString())) {
            sidecar.awaitRunning(50);
            RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            List<String> listed = listTools(client);
            assertThat(listed).hasSize(5000).doesNotHaveDuplicates();
            assertThat(listed).contains("s00__" + ManyToolsFixture.name(0), "s49__" + ManyToolsFixture.name(99));

            ApiClient api = new ApiClient(sidecar.apiUrl);
            for (int i = 0; i < 50; i++) {
                JsonNode detail = api.get("/api/servers/s%02d".formatted(i)).json();
                assertThat(detail.path("tools").size()).as(detail.path("name").asString()).isEqualTo(100);
            }
            assertAliveAndAnswering(sidecar, client, "s49__" + ManyToolsFixture.name(99));
        }
    }

    /** The {@code ManyToolsFixture} JVM serving {@code tools} tools, as the brief's command line starts it. */
    private static String manyToolsFixture(String name, int tools) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path jar = Path.of("../mcp-proxy-demo/target/mcp-proxy-demo.jar").toAbsolutePath().normalize();
        return """
                  - name: %s
                    command: "%s"
                    args: ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx64m", "-cp", "%s",
                           "dev.mcpproxy.demo.ManyToolsFixture", "%d"]
                """.formatted(name, java, jar, tools);
    }

    /** Every tool name the proxy lists, following its cursors if it pages. */
    static List<String> listTools(RawMcpSession client) throws Exception {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode params = Json.object();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode result = client.request("tools/list", params).path("result");
            result.path("tools").forEach(tool -> names.add(tool.path("name").asString()));
            cursor = result.path("nextCursor").asString(null);
        } while (cursor != null && !cursor.isEmpty());
        return names;
    }

    /** The sidecar runs, /health answers, a tool call goes through, and no thread of the sidecar died. */
    static void assertAliveAndAnswering(SidecarProcess sidecar, RawMcpSession client, String tool) throws Exception {
        assertThat(sidecar.process.isAlive()).isTrue();
        assertThat(new ApiClient(sidecar.apiUrl).get("/health").status()).isEqualTo(200);
        if (tool != null) {
            JsonNode called = client.request("tools/call", Json.object().put("name", tool)
                    .set("arguments", Json.object().put("query", "x")));
            assertThat(called.path("result").path("content").get(0).path("text").asString()).startsWith("called ");
        }
        assertThat(StreamSupport.stream(sidecar.stderr.spliterator(), false))
                .noneMatch(line -> line.contains("OutOfMemoryError") || line.contains("died"));
    }
}
