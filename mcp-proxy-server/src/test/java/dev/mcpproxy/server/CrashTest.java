package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Real processes killed with SIGKILL: an upstream in the middle of a call, and the sidecar itself. */
class CrashTest {

    @TempDir
    Path dir;

    /**
     * The caller here speaks raw HTTP: the Java SDK 2.1.0 client holds back every response it receives after a
     * tools/list_changed notification until it is closed, which would hide what the proxy does.
     */
    @Test
    void upstreamKilledMidCallFailsTheCallAtOnceAndIsRestarted() throws Exception {
        try (SidecarProcess sidecar = SidecarProcess.start(dir, SidecarProcess.everythingAndMemoryYaml())) {
            sidecar.awaitRunning(2);
            RawMcpSession session = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            ProcessHandle everything = upstream(sidecar, "server-everything");
            CompletableFuture<JsonNode> slow = CompletableFuture.supplyAsync(() -> call(session,
                    "everything__trigger-long-running-operation", Json.object().put("duration", 20).put("steps", 4)));
            Thread.sleep(1000);
            assertThat(slow).isNotDone();

            Instant killed = Instant.now();
            everything.destroyForcibly();
            // Within 5 s of a call that runs 20: failed by the exit, not by the call's end or its timeout.
            JsonNode failure = slow.get(5, TimeUnit.SECONDS);
            System.out.println("crash: kill -9 to the caller's error: "
                    + Duration.between(killed, Instant.now()).toMillis() + " ms");
            assertThat(failure.path("error").path("message").asString()).contains("everything exited");

            JsonNode other = call(session, "memory__read_graph", Json.object());
            assertThat(other.has("result")).as(other.toString()).isTrue();

            sidecar.awaitRunning(2);
            assertThat(upstream(sidecar, "server-everything").pid()).isNotEqualTo(everything.pid());
            assertThat(sidecar.stderr).anyMatch(line -> line.contains("everything is backing-off"));
            JsonNode echo = call(session, "everything__echo", Json.object().put("message", "back"));
            assertThat(echo.path("result").path("content").get(0).path("text").asString()).contains("back");
        }
    }

    private static JsonNode call(RawMcpSession session, String tool, JsonNode arguments) {
        ObjectNode params = Json.object().put("name", tool);
        params.set("arguments", arguments);
        try {
            return session.request("tools/call", params);
        } catch (IOException | InterruptedException | Json.MalformedJsonException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One upstream here outlives its stdin on purpose (after the MCP server exits, its shell sleeps on in the
     * same process group), as many real servers do: only the orphan watchdog can end it.
     */
    @Test
    void killingTheSidecarLeavesNoUpstreamBehind() throws Exception {
        Path memory = SidecarProcess.nodeModules().resolve("@modelcontextprotocol/server-memory/dist/index.js");
        String yaml = SidecarProcess.everythingAndMemoryYaml() + """
                  - name: lingering
                    command: sh
                    args: ["-c", "node '%s'; exec sleep 600"]
                """.formatted(memory);
        SidecarProcess sidecar = SidecarProcess.start(dir, yaml);
        List<Long> groups = List.of();
        try {
            sidecar.awaitRunning(3);
            groups = sidecar.process.children().map(ProcessHandle::pid).toList();
            assertThat(processesIn(groups)).hasSizeGreaterThanOrEqualTo(3);

            sidecar.process.destroyForcibly();
            sidecar.process.waitFor(5, TimeUnit.SECONDS);
            Instant deadline = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(deadline) && !processesIn(groups).isEmpty()) {
                Thread.sleep(50);
            }
            assertThat(processesIn(groups).stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")))
                    .as("processes of the upstreams' groups alive 2 s after kill -9 of the sidecar").isEmpty();
        } finally {
            processesIn(groups).forEach(ProcessHandle::destroyForcibly);
            sidecar.close();
        }
    }

    /**
     * Every running process whose process group is one of {@code groups} (each upstream leads its own group).
     * Zombies do not count: they are dead and wait for whichever process adopted them to reap them.
     */
    private static List<ProcessHandle> processesIn(List<Long> groups) {
        return ProcessHandle.allProcesses().filter(p -> {
            String[] stat = procStat(p.pid());
            return stat.length > 2 && !stat[0].equals("Z") && groups.contains(Long.parseLong(stat[2]));
        }).toList();
    }

    /** The fields of /proc/PID/stat after the command name: state, ppid, pgrp, ... */
    private static String[] procStat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return new String[0];
        }
    }

    private static ProcessHandle upstream(SidecarProcess sidecar, String marker) {
        return sidecar.process.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .filter(p -> p.info().command().orElse("").endsWith("node"))
                .findFirst().orElseThrow(() -> new AssertionError("no running " + marker));
    }
}
