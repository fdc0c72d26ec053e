package dev.mcpproxy.desktop.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.desktop.AppProcess;
import dev.mcpproxy.desktop.TestSidecars;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor against the real sidecar: killed with SIGKILL, killed again and again, and frozen with SIGSTOP. */
class BackendMonitorTest {

    @TempDir
    Path dir;

    /** The first crash is restarted without a wait; how long that takes is measured, not asserted (load varies). */
    @Test
    void killedSidecarIsRestartedOnItsPortsAndTheErrorReported() throws Exception {
        RecordedEvents events = new RecordedEvents();
        try (BackendManager manager = TestSidecars.manager(demo());
             BackendMonitor monitor = new BackendMonitor(manager, events, RestartBackoff.DEFAULTS,
                     BackendMonitor.HealthSettings.DEFAULTS)) {
            monitor.start();
            BackendStatus first = manager.start();
            List<ProcessHandle> oldTree = BackendLifecycleTest.awaitTree(first.pid(), 2);

            Instant killed = Instant.now();
            ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
            BackendStatus restarted = RecordedEvents.awaitStatus(manager,
                    s -> s.running() && !Objects.equals(s.pid(), first.pid()), Duration.ofSeconds(5));
            Duration took = Duration.between(killed, Instant.now());
            System.out.println("backend: kill -9 of the sidecar to a new one ready: " + took.toMillis() + " ms");

            assertThat(restarted.restarts()).isEqualTo(1);
            assertThat(restarted.apiPort()).as("the page's origin stays").isEqualTo(first.apiPort());
            assertThat(events.errors).first().asString().contains("exited unexpectedly (ended by signal 9, SIGKILL");
            RecordedEvents.await(() -> events.statuses.stream().anyMatch(BackendStatus::running),
                    Duration.ofSeconds(1));
            awaitGone(oldTree);
        }
    }

    @Test
    void theFirstCrashIsRestartedAtOnceTheNextAfterADoublingWaitAndTheFifthWithinAMinuteGivesUp() {
        RestartBackoff backoff = RestartBackoff.DEFAULTS;
        assertThat(List.of(1, 2, 3, 4, 10).stream().map(backoff::delay).map(Duration::toMillis))
                .containsExactly(0L, 250L, 500L, 1000L, 5000L);
        assertThat(backoff.givesUp(4)).isFalse();
        assertThat(backoff.givesUp(5)).isTrue();
    }

    @Test
    void fiveCrashesWithinAMinuteStopTheRestartsAndShowTheLastLines() throws Exception {
        RecordedEvents events = new RecordedEvents();
        try (BackendManager manager = TestSidecars.manager(TestSidecars.writeConfig(dir, TestSidecars.demoConfig()));
             BackendMonitor monitor = new BackendMonitor(manager, events, RestartBackoff.DEFAULTS,
                     BackendMonitor.HealthSettings.DEFAULTS)) {
            monitor.start();
            manager.start();
            for (int crash = 1; crash <= 5; crash++) {
                BackendStatus running = RecordedEvents.awaitStatus(manager, BackendStatus::running,
                        Duration.ofSeconds(10));
                ProcessHandle sidecar = ProcessHandle.of(running.pid()).orElseThrow();
                sidecar.destroyForcibly();
                sidecar.onExit().join();
                RecordedEvents.awaitStatus(manager, s -> !s.running(), Duration.ofSeconds(5));
            }
            RecordedEvents.await(monitor::gaveUp, Duration.ofSeconds(5));
            Thread.sleep(1_500);

            BackendStatus status = manager.status();
            assertThat(status.running()).isFalse();
            assertThat(status.restarts()).isEqualTo(4);
            assertThat(status.lastError()).contains("stopped 5 times within 60 s");
            assertThat(events.gaveUp).hasSize(1);
            assertThat(events.gaveUp.getFirst()).anySatisfy(line -> assertThat(line).contains("MCP endpoint:"));
        }
    }

    @Test
    void hungSidecarIsNoticedByTheHealthCheckAndReplaced() throws Exception {
        RecordedEvents events = new RecordedEvents();
        BackendMonitor.HealthSettings quick = new BackendMonitor.HealthSettings(Duration.ofMillis(200),
                Duration.ofMillis(300), 2);
        try (BackendManager manager = TestSidecars.manager(demo());
             BackendMonitor monitor = new BackendMonitor(manager, events, RestartBackoff.DEFAULTS, quick)) {
            monitor.start();
            BackendStatus first = manager.start();
            List<ProcessHandle> oldTree = BackendLifecycleTest.awaitTree(first.pid(), 2);

            new ProcessBuilder("kill", "-STOP", Long.toString(first.pid())).start().waitFor();
            BackendStatus replaced = RecordedEvents.awaitStatus(manager,
                    s -> s.running() && !Objects.equals(s.pid(), first.pid()), Duration.ofSeconds(10));

            assertThat(replaced.restarts()).isEqualTo(1);
            assertThat(events.errors).first().asString().contains("stopped answering").contains("/health");
            awaitGone(oldTree);
        }
    }

    private Path demo() throws java.io.IOException {
        return TestSidecars.writeConfig(dir, TestSidecars.demoConfig("demo"));
    }

    static void awaitGone(List<ProcessHandle> tree) throws InterruptedException {
        for (int i = 0; i < 200 && !tree.stream().allMatch(AppProcess::ended); i++) {
            Thread.sleep(10);
        }
        assertThat(tree).allMatch(AppProcess::ended);
    }
}
