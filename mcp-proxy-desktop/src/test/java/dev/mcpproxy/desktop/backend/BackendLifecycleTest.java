package dev.mcpproxy.desktop.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.desktop.TestSidecars;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's §10 integration test, against the real sidecar and the demo server behind it. */
class BackendLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void startedBackendRunsUntilStoppedAndLeavesNoProcess() throws Exception {
        Path config = TestSidecars.writeConfig(dir, TestSidecars.demoConfig("demo"));
        try (BackendManager manager = TestSidecars.manager(config)) {
            BackendStatus started = manager.start();
            assertThat(started.running()).isTrue();
            assertThat(started.apiPort()).isEqualTo(started.port() + 1);
            SidecarClient client = manager.client().orElseThrow();
            assertThat(client.healthy(Duration.ofSeconds(1))).isTrue();
            assertThat(client.acceptsToken()).isTrue();
            List<ProcessHandle> tree = awaitTree(started.pid(), 2);

            BackendStatus stopped = manager.stop();

            assertThat(stopped.running()).isFalse();
            assertThat(stopped.pid()).isNull();
            assertThat(tree).noneMatch(ProcessHandle::isAlive);
            assertThat(client.healthy(Duration.ofSeconds(1))).isFalse();
        }
    }

    /** The sidecar and its demo server (and the orphan guard's watchdog): the processes stop must end. */
    static List<ProcessHandle> awaitTree(long pid, int atLeast) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            List<ProcessHandle> tree = TestSidecars.treeOf(pid);
            if (tree.size() >= atLeast) {
                return tree;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("The sidecar " + pid + " started no server: " + TestSidecars.treeOf(pid));
    }
}
