package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.upstream.auth.GuardedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The sign-in's browser step in a real browser: Playwright's Chromium (testing/node/browser-sign-in.mjs) signs in at
 * oidc-provider, comes back to the sidecar's /oauth/callback, and the server's tools are then listed through the
 * proxy.
 */
class RemoteSignInBrowserIT {

    @TempDir
    Path dir;

    @Test
    void signingInInChromiumEndsWithTheToolsListedThroughTheProxy() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assertThat(Path.of(chromium)).as("Debian's chromium (.ci/run installs it)").exists();
        try (GuardedServer guarded = new GuardedServer(60);
             SidecarProcess sidecar = SidecarProcess.start(dir, """
                     servers:
                       - name: remote
                         transport: streamable-http
                         url: %s
                     """.formatted(guarded.mcp()))) {
            ApiClient api = new ApiClient(sidecar.apiUrl);
            api.await("/api/servers/remote", server -> server.path("state").asString().equals("needs-sign-in"));
            ApiClient.Answer started = api.post("/api/servers/remote/sign-in", "{}");
            assertThat(started.status()).as(started.body()).isEqualTo(200);

            ProcessBuilder builder = new ProcessBuilder("node", "browser-sign-in.mjs",
                    started.json().path("url").asString())
                    .directory(SidecarProcess.nodeModules().getParent().toFile()).redirectErrorStream(true);
            builder.environment().put("CHROMIUM", chromium);
            Process browser = builder.start();
            String printed;
            try {
                printed = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(browser.waitFor(2, TimeUnit.MINUTES)).isTrue();
            } finally {
                browser.destroyForcibly();
            }
            assertThat(browser.exitValue()).as(printed).isZero();
            assertThat(printed).contains("landed on /oauth/callback: Signed in to remote, you can close this tab.");

            api.await("/api/servers/remote", server -> server.path("state").asString().equals("running"));
            JsonNode tools = RawMcpSession.open(sidecar.baseUrl + "/mcp").request("tools/list", Json.object());
            assertThat(tools.path("result").path("tools").findValuesAsString("name")).contains("remote__whoami");
        }
    }
}
