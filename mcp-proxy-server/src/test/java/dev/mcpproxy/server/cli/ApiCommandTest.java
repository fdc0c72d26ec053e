package dev.mcpproxy.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.RawMcpSession;
import dev.mcpproxy.server.SidecarProcess;
import dev.mcpproxy.server.sidecar.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** servers, stop, start and logs from the command line, as processes, against a real sidecar. */
class ApiCommandTest {

    record Result(int exit, String out, String err) {
    }

    private static ProcessBuilder command(String token, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MCP_PROXY_TOKEN", token);
        return builder;
    }

    private static Result run(String token, String... args) throws Exception {
        Process process = command(token, args).start();
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
            assertThat(servers.out()).contains("NAME").containsPattern("alpha\\s+running\\s+\\d+\\s+6 ");

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

    @Test
    void logsFollowPrintsTheTailThenEveryNewLineInOrder() throws Exception {
        try (SidecarProcess sidecar = SidecarProcess.start(Files.createTempDirectory(Path.of("target"), "cli-"),
                "servers:\n" + SidecarProcess.demoEntry("alpha"))) {
            sidecar.awaitRunning(1);
            String port = String.valueOf(URI.create(sidecar.apiUrl).getPort());
            RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            client.request("tools/call", Json.object().put("name", "alpha__write_log")
                    .set("arguments", Json.object().put("lines", 3)));

            Process follow = command(SidecarProcess.TOKEN, "logs", "alpha", "-f", "--api-port", port)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(readUntil(out, "log line 3 of 3")).contains("log line 1 of 3", "log line 2 of 3");

                client.request("tools/call", Json.object().put("name", "alpha__write_log")
                        .set("arguments", Json.object().put("lines", 200)));
                List<String> followed = readUntil(out, "log line 200 of 200");
                assertThat(followed.stream().filter(line -> line.startsWith("log line ")))
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, 200)
                                .mapToObj(i -> "log line " + i + " of 200").toList());
                assertThat(follow.isAlive()).isTrue();
            } finally {
                follow.destroy();
                assertThat(follow.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /** The lines read up to and including {@code last}; fails if the stream ends or 20 s pass first. */
    private static List<String> readUntil(BufferedReader out, String last) throws Exception {
        List<String> lines = new ArrayList<>();
        CompletableFuture<List<String>> reading = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    if (line.equals(last)) {
                        return lines;
                    }
                }
                throw new AssertionError("the output ended before " + last + ": " + lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return reading.get(20, TimeUnit.SECONDS);
    }
}
