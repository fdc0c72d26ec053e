package dev.mcpproxy.server.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.server.SidecarProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --parent-pid} for real: the sidecar (the launcher's JVM flags, a demo server) is the child of a stand-in
 * for the desktop app ({@link ParentStandIn}), which the test kills with SIGKILL. The test holds the sidecar's stdin
 * open all along, so that the stdin watchdog cannot be what ends it.
 */
@EnabledOnOs(OS.LINUX)
class ParentDeathTest {

    private static final Pattern HEALTH = Pattern.compile("health:\\s+(http://\\S+/health)");

    @TempDir
    Path dir;

    @Test
    void aSidecarWhoseParentIsKilledEndsWithItsServersWithinTwoSecondsThoughItsStdinStaysOpen() throws Exception {
        try (Family family = Family.start(dir, true)) {
            List<ProcessHandle> tree = family.sidecarTree();
            family.killParent();
            Instant deadline = Instant.now().plusSeconds(2);
            while (!running(tree).isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(running(tree)).as("the sidecar and its servers 2 s after kill -9 of its parent").isEmpty();
            assertThat(family.stderr).as("the sidecar's stderr").noneMatch(line -> line.startsWith("WARNING:"));
        }
    }

    @Test
    void withoutParentPidTheSidecarOutlivesItsKilledParentUntilItsStdinEnds() throws Exception {
        try (Family family = Family.start(dir, false)) {
            List<ProcessHandle> tree = family.sidecarTree();
            family.killParent();
            Thread.sleep(2500);
            assertThat(running(tree)).as("the sidecar and its servers 2.5 s after kill -9 of its parent")
                    .containsExactlyInAnyOrderElementsOf(tree);

            family.parent.getOutputStream().close();
            assertThat(family.sidecar.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        }
    }

    /** As when the app died before the sidecar asked for the signal: the sidecar was adopted by another process. */
    @Test
    void aSidecarWhoseParentIsNotTheOneNamedStopsAtOnce() throws Exception {
        Path config = Files.writeString(dir.resolve("mcp-proxy-config.yaml"), "servers:\n"
                + SidecarProcess.demoEntry("demo"));
        long notItsParent = ProcessHandle.current().parent().orElseThrow().pid();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        command.addAll(SidecarProcess.launcherFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config",
                config.toString(), "--port", "0", "--api-port", "0", "--parent-pid", Long.toString(notItsParent)));
        Process sidecar = new ProcessBuilder(command).start();
        sidecar.getOutputStream().close();
        sidecar.getInputStream().transferTo(OutputStream.nullOutputStream());
        String stderr = new String(sidecar.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sidecar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sidecar.exitValue()).isEqualTo(Main.EXIT_FAILED);
        assertThat(stderr).contains("mcp-proxy-server: the process that started it (pid " + notItsParent
                + ") has exited; stopping");
    }

    /** The stand-in for the app, and the sidecar it started, stopped by pid if a test leaves them running. */
    private record Family(Process parent, ProcessHandle sidecar, List<String> stderr) implements AutoCloseable {

        static Family start(Path dir, boolean passParentPid) throws Exception {
            Path config = dir.resolve("mcp-proxy-config.yaml");
            Files.writeString(config, "servers:\n" + SidecarProcess.demoEntry("demo"));
            String java = ProcessHandle.current().info().command().orElseThrow();
            String classPath = System.getProperty("java.class.path");
            List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", classPath, ParentStandIn.class.getName(), java));
            command.addAll(SidecarProcess.launcherFlags());
            command.addAll(List.of("-cp", classPath, Main.class.getName(), "--config", config.toString(),
                    "--port", "0", "--api-port", "0", "--exit-on-stdin-eof"));
            if (passParentPid) {
                command.addAll(List.of("--parent-pid", "{pid}"));
            }
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("MCP_PROXY_TOKEN", SidecarProcess.TOKEN);
            Process parent = builder.start();
            List<String> stderr = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> readLines(reader(parent.getErrorStream()), stderr));
            List<String> stdout = new CopyOnWriteArrayList<>();
            CompletableFuture<String> health = CompletableFuture.supplyAsync(() -> healthUrl(parent.getInputStream(),
                    stdout));
            try {
                awaitDemoRunning(health.get(30, TimeUnit.SECONDS));
                ProcessHandle sidecar = parent.children().findFirst().orElseThrow();
                return new Family(parent, sidecar, stderr);
            } catch (Exception | AssertionError e) {
                parent.descendants().forEach(ProcessHandle::destroyForcibly);
                parent.destroyForcibly();
                throw new AssertionError("The sidecar did not start; stdout:\n" + String.join("\n", stdout)
                        + "\nstderr:\n" + String.join("\n", stderr), e);
            }
        }

        /**
         * SIGKILL through the parent's handle: {@link Process#destroyForcibly} would also close this end of the
         * pipes, the sidecar's stdin among them.
         */
        void killParent() {
            parent.toHandle().destroyForcibly();
        }

        /** The sidecar, its orphan guard and its demo server, which must be among them. */
        List<ProcessHandle> sidecarTree() {
            List<ProcessHandle> tree = new ArrayList<>(List.of(sidecar));
            sidecar.descendants().forEach(tree::add);
            assertThat(tree).anyMatch(p -> p.info().commandLine().orElse("").contains("mcp-proxy-demo.jar"));
            return tree;
        }

        @Override
        public void close() {
            List<ProcessHandle> tree = new ArrayList<>(List.of(sidecar));
            sidecar.descendants().forEach(tree::add);
            tree.forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
            try {
                parent.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String healthUrl(InputStream stdout, List<String> lines) {
        BufferedReader reader = reader(stdout);
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
                Matcher health = HEALTH.matcher(line);
                if (health.find()) {
                    Thread.ofVirtual().start(() -> readLines(reader, lines));
                    return health.group(1);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("stdout ended before the sidecar printed its health address");
    }

    private static void awaitDemoRunning(String health) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(30);
        while (!http.send(HttpRequest.newBuilder(URI.create(health)).build(), HttpResponse.BodyHandlers.ofString())
                .body().contains("\"running\":1")) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the demo server did not start within 30 s");
            }
            Thread.sleep(50);
        }
    }

    private static BufferedReader reader(InputStream stream) {
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    private static void readLines(BufferedReader lines, List<String> into) {
        try (BufferedReader reader = lines) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                into.add(line);
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** Those of {@code processes} that run: zombies do not, they only wait for whoever adopted them to reap them. */
    private static List<ProcessHandle> running(List<ProcessHandle> processes) {
        return processes.stream().filter(p -> p.isAlive() && !endedOrZombie(p.pid())).toList();
    }

    private static boolean endedOrZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }
}
