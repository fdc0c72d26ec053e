package dev.mcpproxy.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.server.SidecarProcess;
import dev.mcpproxy.server.sidecar.Main;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcp-proxy-server connect URL} started by a stdio-only client: the official Java SDK's stdio transport. */
class ConnectBridgeTest {

    @TempDir
    Path dir;

    @Test
    void aStdioClientListsAndCallsToolsThroughTheBridge() throws Exception {
        try (SidecarProcess sidecar = SidecarProcess.start(dir, SidecarProcess.everythingAndMemoryYaml())) {
            sidecar.awaitRunning(2);
            String java = ProcessHandle.current().info().command().orElseThrow();
            ServerParameters bridge = ServerParameters.builder(java)
                    .args("-cp", System.getProperty("java.class.path"), Main.class.getName(), "connect",
                            sidecar.baseUrl + "/mcp")
                    .build();
            try (McpSyncClient client = McpClient.sync(new StdioClientTransport(bridge, McpJsonDefaults.getMapper()))
                    .requestTimeout(Duration.ofSeconds(20)).build()) {
                McpSchema.InitializeResult initialized = client.initialize();
                assertThat(initialized.serverInfo().name()).isEqualTo("mcp-proxy");
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                        .contains("everything__echo", "memory__read_graph");
                McpSchema.CallToolResult echo = client.callTool(
                        new McpSchema.CallToolRequest("everything__echo", Map.of("message", "over the bridge")));
                assertThat(((McpSchema.TextContent) echo.content().getFirst()).text()).contains("over the bridge");
            }
        }
    }

    @Test
    void aProxyThatIsNotThereGivesEachRequestAnErrorNotAHang() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process bridge = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "connect", "http://127.0.0.1:9/mcp").start();
        bridge.getOutputStream().write("""
                {"jsonrpc":"2.0","id":7,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}
                """.getBytes(StandardCharsets.UTF_8));
        bridge.getOutputStream().close();
        String out = new String(bridge.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bridge.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("\"id\":7").contains("\"error\"").contains("Could not reach the proxy");
        assertThat(bridge.exitValue()).isZero();
    }
}
