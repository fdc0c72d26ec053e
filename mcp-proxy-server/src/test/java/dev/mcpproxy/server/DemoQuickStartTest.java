package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The quick start's configuration, examples/demo.yaml, as shipped: the Java demo server behind the proxy. */
class DemoQuickStartTest {

    @Test
    void demoServerOffersToolsResourcesAndPromptsThroughTheProxy() throws Exception {
        try (SidecarProcess sidecar = SidecarProcess.start(Path.of("../examples/demo.yaml").toAbsolutePath())) {
            sidecar.awaitRunning(1);
            List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
            try (McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(sidecar.baseUrl)
                    .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(20))
                    .progressConsumer(progress::add).build()) {
                client.initialize();
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                        .contains("demo__echo", "demo__add", "demo__count_slowly", "demo__now");

                assertThat(text(client.callTool(new McpSchema.CallToolRequest("demo__add", Map.of("a", 2, "b", 3)))))
                        .isEqualTo("5.0");
                McpSchema.CallToolResult counted = client.callTool(McpSchema.CallToolRequest.builder()
                        .name("demo__count_slowly").arguments(Map.of("to", 3)).progressToken("count").build());
                assertThat(text(counted)).isEqualTo("counted to 3");
                // The SDK hands notifications to the consumer on a thread of its own, so the last may reach it a
                // moment after the result it preceded.
                for (int i = 0; i < 100 && progress.size() < 3; i++) {
                    Thread.sleep(20);
                }
                assertThat(progress).extracting(McpSchema.ProgressNotification::progress).containsExactly(1.0, 2.0, 3.0);

                McpSchema.ReadResourceResult readme = client.readResource(new McpSchema.ReadResourceRequest("demo://readme"));
                assertThat(((McpSchema.TextResourceContents) readme.contents().getFirst()).text())
                        .contains("through MCP Proxy");
                assertThat(client.listResourceTemplates().resourceTemplates())
                        .extracting(McpSchema.ResourceTemplate::uriTemplate).contains("demo://greeting/{name}");

                McpSchema.GetPromptResult prompt = client.getPrompt(
                        new McpSchema.GetPromptRequest("demo__summarize", Map.of("text", "MCP Proxy runs servers once.")));
                assertThat(((McpSchema.TextContent) prompt.messages().getFirst().content()).text())
                        .contains("MCP Proxy runs servers once.");
            }
        }
    }

    private static String text(McpSchema.CallToolResult result) {
        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }
}
