package dev.mcpproxy.server.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.server.SidecarProcess;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sidecar's rules for threads that die, in real JVMs (the launcher's flags) whose threads die on purpose. */
class ThreadDeathTest {

    @Test
    void aThreadDeadOfOutOfMemoryEndsTheProcessAtOnceWithStatusThreeAndItsUpstreamsWithIt() throws Exception {
        Ended ended = run("out-of-memory");
        assertThat(ended.status()).isEqualTo(Main.EXIT_OUT_OF_MEMORY);
        assertThat(ended.stderr()).contains("mcp-proxy-server: out of memory; exiting with status 3");
        assertThat(ended.stdout()).doesNotContain("main goes on");
        long upstream = Long.parseLong(ended.stdout().lines().filter(l -> l.startsWith("upstream "))
                .findFirst().orElseThrow().substring("upstream ".length()));
        Instant deadline = Instant.now().plusSeconds(3);
        while (ProcessHandle.of(upstream).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.of(upstream).map(ProcessHandle::isAlive).orElse(false))
                .as("the upstream 3 s after the process halted").isFalse();
    }

    @Test
    void aThreadDeadOfAnErrorThatRunningOutOfMemoryCausedEndsTheProcessToo() throws Exception {
        Ended ended = run("linkage-failed-for-memory");
        assertThat(ended.status()).isEqualTo(Main.EXIT_OUT_OF_MEMORY);
        assertThat(ended.stdout()).doesNotContain("main goes on");
    }

    @Test
    void aThreadDeadOfAnExceptionIsLoggedByNameAndTheProcessGoesOn() throws Exception {
        Ended ended = run("exception");
        assertThat(ended.status()).isZero();
        assertThat(ended.stderr()).contains("Thread worker died: java.lang.IllegalStateException: a bug");
        assertThat(ended.stdout()).contains("main goes on");
    }

    @Test
    void aServingThreadThatEndsOutsideAShutdownEndsTheSidecarWithAFailureStatus() throws Exception {
        Ended ended = run("front-stops");
        assertThat(ended.status()).isEqualTo(Main.EXIT_FAILED);
        assertThat(ended.stderr()).contains("The HTTP server of proxy_port stopped unexpectedly");
    }

    private record Ended(int status, String stdout, String stderr) {
    }

    private static Ended run(String how) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(SidecarProcess.launcherFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ThreadDeathFixture.class.getName(), how));
        Process process = new ProcessBuilder(command).start();
        try {
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the fixture ended").isTrue();
            return new Ended(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}
