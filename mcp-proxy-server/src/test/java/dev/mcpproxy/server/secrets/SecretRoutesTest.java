package dev.mcpproxy.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.server.ApiClient;
import dev.mcpproxy.server.SidecarProcess;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code /api/secrets} on the real sidecar: set, list (names only), delete, and what it refuses. */
class SecretRoutesTest {

    @TempDir
    Path dir;

    @Test
    void secretsAreSetListedByNameAndDeletedButNeverReadBack() throws Exception {
        Path state = dir.resolve("state");
        Path config = dir.resolve("mcp-proxy-config.yaml");
        Files.writeString(config, """
                servers:
                  - name: needs-key
                    command: node
                    args: ["%s", "stdio"]
                    env: {KEY: "${secret:oauth/needs-key/tokens}"}
                """.formatted(SecretsEndToEndTest.everything()));
        try (SidecarProcess sidecar = SidecarProcess.start(config,
                e -> SecretsEndToEndTest.withoutCredentialStore(e, state), List.of())) {
            ApiClient api = new ApiClient(sidecar.apiUrl);
            api.await("/api/servers/needs-key", s -> s.toString().contains("is not set"));

            assertThat(api.put("/api/secrets/oauth/needs-key/tokens", "{\"value\": \"tok-123\"}").status())
                    .isEqualTo(204);
            assertThat(api.put("/api/secrets/plain", "{\"value\": \"v\"}").status()).isEqualTo(204);
            JsonNode listed = api.get("/api/secrets").json();
            assertThat(listed.path("names").toString()).isEqualTo("[\"oauth/needs-key/tokens\",\"plain\"]");
            assertThat(listed.path("store").asString()).startsWith("an encrypted file at ")
                    .contains(state.toString());
            assertThat(listed.toString()).doesNotContain("tok-123");
            // Setting it restarted nothing by itself; the server's own retry picks the value up.
            api.await("/api/servers/needs-key", s -> s.path("state").asString().equals("running"));

            assertThat(api.delete("/api/secrets/plain").status()).isEqualTo(204);
            ApiClient.Answer again = api.delete("/api/secrets/plain");
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.json().path("error").asString()).contains("No secret is named plain");
            assertThat(api.get("/api/secrets").json().path("names").toString())
                    .isEqualTo("[\"oauth/needs-key/tokens\"]");
        }
    }

    @Test
    void badNamesBodiesAndMissingTokensAreRefusedAndChangeNothing() throws Exception {
        Path state = dir.resolve("state");
        Path config = dir.resolve("mcp-proxy-config.yaml");
        Files.writeString(config, "servers: []\n");
        try (SidecarProcess sidecar = SidecarProcess.start(config,
                e -> SecretsEndToEndTest.withoutCredentialStore(e, state), List.of())) {
            ApiClient api = new ApiClient(sidecar.apiUrl);
            ApiClient.Answer badName = api.put("/api/secrets/has%20space", "{\"value\": \"v\"}");
            assertThat(badName.status()).isEqualTo(400);
            assertThat(badName.json().path("error").asString()).contains("is not a secret's name");
            assertThat(api.put("/api/secrets/ok", "{\"value\": \"\"}").status()).isEqualTo(400);
            assertThat(api.put("/api/secrets/ok", "{\"value\": 42}").status()).isEqualTo(400);
            assertThat(api.put("/api/secrets/ok", "{\"value\": \"v\", \"other\": 1}").status()).isEqualTo(400);
            assertThat(api.put("/api/secrets/ok", "not json").status()).isEqualTo(400);
            assertThat(api.send(HttpRequest.newBuilder(java.net.URI.create(sidecar.apiUrl + "/api/secrets/ok"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"value\": \"v\"}")).build()).status()).isEqualTo(401);
            assertThat(api.get("/api/secrets/ok").status()).isEqualTo(405);
            assertThat(api.get("/api/secrets").json().path("names").size()).isZero();
            assertThat(String.join("\n", sidecar.stderr)).doesNotContain("Exception");
        }
    }
}
