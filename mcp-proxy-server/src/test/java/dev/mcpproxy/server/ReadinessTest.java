package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.demo.ManyToolsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The servers start beside the sidecar, not after it: /health answers while a server is still starting, a server that
 * is up is usable at once whatever the others do, and {@code ready} says when every server meant to run is usable.
 */
class ReadinessTest {

    @TempDir
    Path dir;

    @Test
    void healthSaysReadyOnlyOnceEveryServerMeantToRunIsUsable() throws Exception {
        Path gate = dir.resolve("gate");
        Path fastTools = Files.writeString(dir.resolve("fast.json"), ManyToolsFixture.toolsListResult(1));
        Path slowTools = Files.writeString(dir.resolve("slow.json"), ManyToolsFixture.toolsListResult(2));
        // A server whose start takes as long as the test wants: it speaks MCP once the gate file exists.
        String slow = """
                  - name: slow
                    command: sh
                    args: ["-c", "while [ ! -e '%s' ]; do sleep 0.02; done; exec sh '%s' '%s'"]
                """.formatted(gate, ShellResponder.script(), slowTools);
        String yaml = "servers:\n" + ShellResponder.entry("fast", fastTools) + slow
                + "  - name: broken\n    command: mcp-proxy-no-such-command\n";
        try (SidecarProcess sidecar = SidecarProcess.start(dir, yaml)) {
            ApiClient api = new ApiClient(sidecar.apiUrl);
            JsonNode waiting = api.await("/health", h -> h.path("servers").path("running").asInt() == 1
                    && h.path("servers").path("failed").asInt() == 1);
            assertThat(waiting.path("ready").asBoolean()).as(waiting.toString()).isFalse();
            assertThat(waiting.path("servers").path("starting").asInt()).isEqualTo(1);
            assertThat(waiting.path("servers").path("total").asInt()).isEqualTo(3);

            RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            assertThat(toolNames(client)).containsExactly("fast__" + ManyToolsFixture.name(0));

            Files.createFile(gate);
            JsonNode slowUp = api.await("/health", h -> h.path("servers").path("running").asInt() == 2);
            assertThat(slowUp.path("ready").asBoolean()).as("a failed server is not usable").isFalse();
            assertThat(toolNames(client)).hasSize(3);

            assertThat(api.post("/api/servers/broken/stop", "").status()).isEqualTo(200);
            JsonNode ready = api.await("/health", h -> h.path("ready").asBoolean());
            assertThat(ready.path("servers").path("running").asInt()).isEqualTo(2);
            assertThat(ready.path("servers").path("starting").asInt()).isZero();
        }
    }

    private static List<String> toolNames(RawMcpSession client) throws Exception {
        List<String> names = new ArrayList<>();
        client.request("tools/list", null).path("result").path("tools").forEach(t -> names.add(t.path("name")
                .asString()));
        return names;
    }
}
