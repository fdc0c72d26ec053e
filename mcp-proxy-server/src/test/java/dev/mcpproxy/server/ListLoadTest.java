package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A server whose lists cannot be loaded when it starts, with real children (the sh responder). */
class ListLoadTest {

    @TempDir
    Path dir;

    @Test
    void aServerWhoseToolsCannotBeListedFailsWithTheReasonInsteadOfRunningWithNone() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"tools\": [not json");
        String yaml = "servers:\n" + ShellResponder.entry("broken", broken) + """
                    request_timeout: 1
                    restart: {policy: never}
                """;
        try (SidecarProcess sidecar = SidecarProcess.start(dir, yaml)) {
            ApiClient api = new ApiClient(sidecar.apiUrl);
            JsonNode server = api.await("/api/servers/broken", s -> s.path("state").asString().equals("failed"));
            assertThat(server.path("last_error").asString())
                    .contains("could not load its tools: broken sent a malformed answer to tools/list");
            assertThat(server.path("tools_count").asInt()).isZero();
        }
    }

    @Test
    void aListTheServerAnnouncesButAnswersMethodNotFoundForIsTakenAsEmpty() throws Exception {
        String yaml = "servers:\n" + ShellResponder.entry("no-prompts") + """
                    env: {MCP_RESPONDER_CAPABILITIES: '{"tools":{},"prompts":{}}'}
                """;
        try (SidecarProcess sidecar = SidecarProcess.start(dir, yaml)) {
            sidecar.awaitRunning(1);
            assertThat(sidecar.stderr).anyMatch(line -> line.contains(
                    "no-prompts announces prompts but has no prompts/list: Method not found; listing none"));
        }
    }
}
