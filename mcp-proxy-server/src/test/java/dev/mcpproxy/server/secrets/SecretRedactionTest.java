package dev.mcpproxy.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.secrets.EncryptedFileStore;
import dev.mcpproxy.server.ApiClient;
import dev.mcpproxy.server.SidecarProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret's value, used by two running servers (a stdio server's env, an HTTP server's header), appears in none of
 * the places a user or a client can read: the config file, the sidecar's output, the API, the event stream, the
 * metrics, and no process's command line.
 */
class SecretRedactionTest {

    private static final String VALUE = "s3cr3t-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;

    @Test
    void theValueAppearsNowhereAUserOrClientCanRead() throws Exception {
        Path state = dir.resolve("state");
        new EncryptedFileStore(state.resolve("mcp-proxy")).put("token", VALUE);
        try (HeaderRecordingMcpServer remote = new HeaderRecordingMcpServer("X-Api-Key")) {
            Path config = dir.resolve("mcp-proxy-config.yaml");
            Files.writeString(config, """
                    servers:
                      - name: everything
                        command: node
                        args: ["%s", "stdio"]
                        env: {API_KEY: "${secret:token}"}
                      - name: remote
                        transport: streamable-http
                        url: %s
                        headers: {X-Api-Key: "${secret:token}"}
                    """.formatted(SecretsEndToEndTest.everything(), remote.url()));
            try (SidecarProcess sidecar = SidecarProcess.start(config,
                    e -> SecretsEndToEndTest.withoutCredentialStore(e, state), List.of())) {
                sidecar.awaitRunning(2);
                ApiClient api = new ApiClient(sidecar.apiUrl);
                List<String> events = new CopyOnWriteArrayList<>();
                HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(
                        api.request("/api/events?logs=*").timeout(Duration.ofMinutes(1)).build(),
                        HttpResponse.BodyHandlers.ofLines());
                Thread.ofVirtual().start(() -> {
                    try {
                        stream.body().forEach(events::add);
                    } catch (UncheckedIOException e) {
                        // The test closed the stream.
                    }
                });
                assertThat(api.post("/api/servers/everything/restart", "").status()).isEqualTo(200);
                assertThat(api.post("/api/servers/remote/restart", "").status()).isEqualTo(200);
                sidecar.awaitRunning(2);
                api.await("/api/servers", s -> s.toString().contains("running"));
                assertThat(remote.seen).contains(VALUE);

                List<String> places = new ArrayList<>();
                places.add("config file: " + Files.readString(config));
                for (String path : List.of("/api/config", "/api/servers", "/api/servers/everything",
                        "/api/servers/remote", "/metrics", "/api/logs/everything", "/api/logs/remote",
                        "/api/logs/_proxy", "/health")) {
                    ApiClient.Answer answer = api.get(path);
                    assertThat(answer.status()).as(path).isEqualTo(200);
                    places.add(path + ": " + answer.body());
                }
                assertThat(String.join("\n", places)).contains("${secret:token}").doesNotContain(VALUE);
                stream.body().close();
                assertThat(events).as("the event stream").isNotEmpty();
                assertThat(String.join("\n", events)).doesNotContain(VALUE);
                assertThat(String.join("\n", sidecar.stdout) + String.join("\n", sidecar.stderr))
                        .as("the sidecar's output").doesNotContain(VALUE);
                assertThat(commandLinesContaining(VALUE)).as("processes with the value on their command line")
                        .isEmpty();
            }
        }
    }

    private static List<String> commandLinesContaining(String value) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")),
                            StandardCharsets.UTF_8);
                    if (commandLine.contains(value)) {
                        found.add(process.getFileName() + ": " + commandLine.replace('\0', ' '));
                    }
                } catch (IOException e) {
                    // The process ended while the test listed them.
                }
            }
        }
        return found;
    }
}
