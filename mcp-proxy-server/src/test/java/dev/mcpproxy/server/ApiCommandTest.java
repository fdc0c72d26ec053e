package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** servers, stop, start and logs from the command line, as processes, against a real sidecar. */
class ApiCommandTest {

    record Result(int exit, String out, String err) {
    }

    private static Result run(String token, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MCP_PROXY_TOKEN", token);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void listsStopsStartsAndShowsLogs() throws Exception {
        try (SidecarProcess sidecar = SidecarProcess.start(Files.createTempDirectory(Path.of("target"), "cli-"),
                "servers:\n" + SidecarProcess.demoEntry("alpha"))) {
            sidecar.awaitRunning(1);
            String port = String.valueOf(URI.create(sidecar.apiUrl).getPort());
            String token = SidecarProcess.TOKEN;

            Result servers = run(token, "servers", "--api-port", port);
            assertThat(servers.exit()).as(servers.err()).isZero();
            assertThat(servers.out()).contains("NAME").containsPattern("alpha\\s+running\\s+\\d+\\s+5 ");

            Result stop = run(token, "stop", "alpha", "--api-port", port);
            assertThat(stop.out().strip()).isEqualTo("alpha is stopped");
            Result start = run(token, "start", "alpha", "--api-port", port);
            assertThat(start.exit()).isZero();
            sidecar.awaitRunning(1);

            Result logs = run(token, "logs", "alpha", "--api-port", port);
            assertThat(logs.exit()).isZero();
            assertThat(logs.out()).contains("alpha is stopped").contains("Starting alpha");

            Result unknown = run(token, "stop", "nobody", "--api-port", port);
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).contains("No server named nobody");
            Result wrongToken = run("wrong", "servers", "--api-port", port);
            assertThat(wrongToken.exit()).isEqualTo(1);
            assertThat(wrongToken.err()).contains("Unauthorized");
        }
    }
}
