package dev.mcpproxy.server.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.server.SidecarProcess;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI's address in the banner, with the token when the sidecar made it, and {@code --open} handing that address
 * to the system's opener: a fake {@code xdg-open} first on PATH records what it was given.
 */
class OpenInBrowserTest {

    private static final String UI_LINE = "  UI:            ";

    @TempDir
    Path dir;

    /** A sidecar that makes its own token (no MCP_PROXY_TOKEN), with {@code xdg-open} doing {@code script}. */
    private SidecarProcess startWithOpener(String script) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path opener = Files.writeString(bin.resolve("xdg-open"), "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(opener, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = Files.writeString(dir.resolve("mcp-proxy-config.yaml"), "servers: []\n");
        return SidecarProcess.start(config, environment -> {
            environment.remove("MCP_PROXY_TOKEN");
            environment.put("XDG_STATE_HOME", dir.resolve("state").toString());
            environment.put("PATH", bin + File.pathSeparator + environment.get("PATH"));
        }, List.of("--open"));
    }

    private static String uiAddress(SidecarProcess sidecar) {
        return sidecar.stdout.stream().filter(line -> line.startsWith(UI_LINE)).findFirst()
                .map(line -> line.substring(UI_LINE.length())).orElseThrow(() -> new AssertionError(
                        "no UI line in " + sidecar.stdout));
    }

    @Test
    void theAddressWithTheMadeTokenIsPrintedAndOpened() throws Exception {
        Path opened = dir.resolve("opened");
        // Written aside and moved into place: the test sees the file only once it holds the whole address.
        try (SidecarProcess sidecar = startWithOpener("printf '%s' \"$1\" > '" + opened + ".part' && mv '"
                + opened + ".part' '" + opened + "'")) {
            int apiPort = URI.create(sidecar.apiUrl).getPort();
            String token = Files.readString(dir.resolve("state/mcp-proxy/api-token-" + apiPort)).strip();
            String address = sidecar.apiUrl + "/?token=" + token;
            assertThat(uiAddress(sidecar)).isEqualTo(address);
            Instant deadline = Instant.now().plusSeconds(10);
            while (!Files.exists(opened) && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(opened).as(String.join("\n", sidecar.stderr)).exists();
            assertThat(Files.readString(opened)).isEqualTo(address);
            HttpResponse<Void> entry = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address))
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertThat(entry.statusCode()).as("the address signs the browser in").isEqualTo(303);
            assertThat(entry.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains(token));
        }
    }

    @Test
    void anOpenerThatFailsIsOneWarningAndTheProxyRunsOn() throws Exception {
        try (SidecarProcess sidecar = startWithOpener("exit 4")) {
            Instant deadline = Instant.now().plusSeconds(10);
            while (sidecar.stderr.stream().noneMatch(line -> line.contains("Could not open the UI"))
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(sidecar.stderr).filteredOn(line -> line.contains("Could not open the UI")).singleElement()
                    .satisfies(line -> assertThat(line).contains("WARNING", "xdg-open exited with status 4")
                            .doesNotContain("token"));
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sidecar.apiUrl + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(sidecar.process.isAlive()).isTrue();
        }
    }

    @Test
    void theDesktopsTokenStaysOutOfTheAddress() throws Exception {
        try (SidecarProcess sidecar = SidecarProcess.start(dir, "servers: []\n")) {
            assertThat(uiAddress(sidecar)).isEqualTo(sidecar.apiUrl + "/");
            assertThat(sidecar.stdout).noneMatch(line -> line.contains(SidecarProcess.TOKEN));
        }
    }
}
