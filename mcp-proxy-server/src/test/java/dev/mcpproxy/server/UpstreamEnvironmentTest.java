package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** What an upstream inherits from the sidecar, seen from inside a real one (server-everything's get-env tool). */
class UpstreamEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void anUpstreamGetsTheSidecarsEnvironmentAndItsOwnVariablesButNeverTheLaunchToken() throws Exception {
        // The server's own env naming the token must not hand it on either.
        String yaml = """
                servers:
                  - name: everything
                    command: node
                    args: ["%s", "stdio"]
                    env:
                      MCP_PROXY_TOKEN: "configured-to-leak"
                      FROM_CONFIG: "given"
                """.formatted(SidecarProcess.nodeModules()
                .resolve("@modelcontextprotocol/server-everything/dist/index.js"));
        try (SidecarProcess sidecar = SidecarProcess.start(dir, yaml)) {
            sidecar.awaitRunning(1);
            RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            JsonNode answer = client.request("tools/call", Json.object().put("name", "everything__get-env")
                    .set("arguments", Json.object()));
            String environment = answer.path("result").path("content").get(0).path("text").asString();

            assertThat(environment).contains("\"PATH\"", "\"FROM_CONFIG\": \"given\"");
            assertThat(environment).doesNotContain(SidecarProcess.TOKEN, "MCP_PROXY_TOKEN", "configured-to-leak");
        }
    }
}
