package dev.mcpproxy.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.secrets.EncryptedFileStore;
import dev.mcpproxy.server.ApiClient;
import dev.mcpproxy.server.RawMcpSession;
import dev.mcpproxy.server.SidecarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code ${secret:NAME}} through the real sidecar: a stdio server's env, a streamable-HTTP server's header, and a
 * secret that is not set, which fails its server only. The sidecar has no session bus, so its store is the encrypted
 * file in the state folder the test gives it, where the test put the values first.
 */
class SecretsEndToEndTest {

    @TempDir
    Path dir;

    static Path everything() {
        return SidecarProcess.nodeModules().resolve("@modelcontextprotocol/server-everything/dist/index.js");
    }

    /** The sidecar's environment: the test's state folder, and no way to a session bus (nor a desktop's). */
    static void withoutCredentialStore(Map<String, String> environment, Path state) {
        environment.put("XDG_STATE_HOME", state.toString());
        environment.remove("DBUS_SESSION_BUS_ADDRESS");
        environment.remove("DISPLAY");
    }

    @Test
    void secretsReachTheStdioServersEnvAndTheHttpServersHeadersAndAMissingOneFailsOnlyItsServer() throws Exception {
        Path state = dir.resolve("state");
        EncryptedFileStore store = new EncryptedFileStore(state.resolve("mcp-proxy"));
        store.put("x", "env-value-4711");
        store.put("remote/token", "header-value-0815");
        try (HeaderRecordingMcpServer remote = new HeaderRecordingMcpServer("Authorization")) {
            String yaml = """
                    servers:
                      - name: everything
                        command: node
                        args: ["%s", "stdio"]
                        env: {X: "${secret:x}", LITERAL: "$${secret:x}"}
                      - name: remote
                        transport: streamable-http
                        url: %s
                        headers: {Authorization: "Bearer ${secret:remote/token}"}
                      - name: unset
                        command: node
                        args: ["%s", "stdio"]
                        env: {Y: "${secret:never-set}"}
                    """.formatted(everything(), remote.url(), everything());
            Path config = dir.resolve("mcp-proxy-config.yaml");
            Files.writeString(config, yaml);
            try (SidecarProcess sidecar = SidecarProcess.start(config, e -> withoutCredentialStore(e, state),
                    java.util.List.of())) {
                sidecar.awaitRunning(2);
                RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
                JsonNode answer = client.request("tools/call", Json.object().put("name", "everything__get-env")
                        .set("arguments", Json.object()));
                String environment = answer.path("result").path("content").get(0).path("text").asString();
                assertThat(environment).contains("\"X\": \"env-value-4711\"", "\"LITERAL\": \"${secret:x}\"");

                assertThat(remote.seen).isNotEmpty().allMatch("Bearer header-value-0815"::equals);

                ApiClient api = new ApiClient(sidecar.apiUrl);
                JsonNode unset = api.await("/api/servers/unset", s -> s.toString().contains("is not set"));
                assertThat(unset.toString()).contains("uses ${secret:never-set}, which is not set: "
                        + "mcp-proxy-server secret set never-set");
                assertThat(unset.path("state").asString()).isIn("backing-off", "starting");
                assertThat(String.join("\n", sidecar.stderr)).contains("encrypted file")
                        .doesNotContain("env-value-4711", "header-value-0815");

                store.put("never-set", "now-set");
                api.await("/api/servers/unset", s -> s.path("state").asString().equals("running"));
            }
        }
    }
}
