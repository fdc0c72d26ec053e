package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official Java SDK's client, through the proxy, against two real npm servers. */
class JavaSdkClientTest {

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
    void streamableHttpClientListsAndCallsToolsOfBothServers() {
        McpClientTransport transport = HttpClientStreamableHttpTransport.builder(sidecar.baseUrl).endpoint("/mcp").build();
        listAndCall(transport);
    }

    @Test
    void legacySseClientListsAndCallsToolsOfBothServers() {
        McpClientTransport transport = HttpClientSseClientTransport.builder(sidecar.baseUrl).sseEndpoint("/sse").build();
        listAndCall(transport);
    }

    private static void listAndCall(McpClientTransport transport) {
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build()) {
            client.initialize();
            List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertThat(tools).contains("everything__echo", "memory__read_graph", "memory__create_entities");

            McpSchema.CallToolResult echo = client.callTool(
                    new McpSchema.CallToolRequest("everything__echo", Map.of("message", "through the proxy")));
            assertThat(echo.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(((McpSchema.TextContent) echo.content().getFirst()).text()).contains("through the proxy");

            McpSchema.CallToolResult graph = client.callTool(new McpSchema.CallToolRequest("memory__read_graph", Map.of()));
            assertThat(graph.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(((McpSchema.TextContent) graph.content().getFirst()).text()).contains("entities");
        }
    }
}
