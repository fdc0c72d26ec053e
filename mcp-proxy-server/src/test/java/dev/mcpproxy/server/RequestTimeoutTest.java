package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server's request_timeout: a call it does not answer in time fails with that reason, and the server goes on. */
class RequestTimeoutTest {

    @TempDir
    Path dir;

    @Test
    void aCallNotAnsweredWithinTheTimeoutFailsAndTheNextCallsStillWork() throws Exception {
        // Under count_slowly's 4 s to 20, and over a JVM's start on a loaded machine (the handshake has it too).
        String entry = SidecarProcess.demoEntry("demo") + "    request_timeout: 3\n";
        try (SidecarProcess sidecar = SidecarProcess.start(dir, "servers:\n" + entry)) {
            sidecar.awaitRunning(1);
            try (McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(sidecar.baseUrl)
                    .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(20)).build()) {
                client.initialize();

                long started = System.nanoTime();
                // Counting to 20 takes the demo server 4 s.
                McpError timedOut = catchThrowableOfType(McpError.class, () -> client.callTool(
                        new McpSchema.CallToolRequest("demo__count_slowly", Map.of("to", 20))));
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(timedOut).isNotNull();
                assertThat(timedOut.getMessage())
                        .contains("demo did not answer tools/call within 3 s (request_timeout)");
                assertThat(took).as("not before the timeout").isGreaterThanOrEqualTo(Duration.ofMillis(2900));
                for (int i = 0; i < 3; i++) {
                    McpSchema.CallToolResult echoed = client.callTool(
                            new McpSchema.CallToolRequest("demo__echo", Map.of("message", "after " + i)));
                    assertThat(((McpSchema.TextContent) echoed.content().getFirst()).text()).isEqualTo("after " + i);
                }
            }
        }
    }
}
