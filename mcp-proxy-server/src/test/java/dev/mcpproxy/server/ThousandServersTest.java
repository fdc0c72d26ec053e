package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.demo.ManyToolsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A configuration of 1,000 stdio servers, each a real child (the sh responder), some disabled and some whose
 * command does not exist: every one ends running, stopped or failed, none stays starting, and the sidecar answers.
 */
class ThousandServersTest {

    @TempDir
    Path dir;

    @Test
    void everyOneOfAThousandServersEndsRunningStoppedOrFailedAndTheSidecarAnswers() throws Exception {
        Path oneTool = Files.writeString(dir.resolve("one-tool.json"), ManyToolsFixture.toolsListResult(1));
        StringBuilder yaml = new StringBuilder("servers:\n");
        for (int i = 0; i < 1000; i++) {
            String name = "s%04d".formatted(i);
            if (i % 100 == 1) {
                yaml.append("  - name: ").append(name).append("\n    command: mcp-proxy-no-such-command\n");
            } else if (i % 100 == 2) {
                yaml.append(ShellResponder.entry(name)).append("    enabled: false\n");
            } else {
                yaml.append(i == 999 ? ShellResponder.entry(name, oneTool) : ShellResponder.entry(name));
            }
        }
        try (SidecarProcess sidecar = SidecarProcess.start(dir, yaml.toString())) {
            ApiClient api = new ApiClient(sidecar.apiUrl);
            Map<String, Integer> states = awaitSettled(api);
            assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of("running", 980, "failed", 10,
                    "stopped", 10));

            RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            ManyToolsTest.assertAliveAndAnswering(sidecar, client, "s0999__" + ManyToolsFixture.name(0));
            assertThat(api.post("/api/servers/s0002/start", "").status()).isEqualTo(200);
            api.await("/api/servers/s0002", s -> s.path("state").asString().equals("running"));
        }
    }

    /** The count of servers in each state, once none is starting; waits up to two minutes. */
    private static Map<String, Integer> awaitSettled(ApiClient api) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        Map<String, Integer> states = Map.of();
        while (Instant.now().isBefore(deadline)) {
            states = new TreeMap<>();
            for (JsonNode server : api.get("/api/servers").json()) {
                states.merge(server.path("state").asString(), 1, Integer::sum);
            }
            if (!states.containsKey("starting") && !states.containsKey("backing-off")) {
                return states;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("servers still starting after 2 minutes: " + states);
    }
}
