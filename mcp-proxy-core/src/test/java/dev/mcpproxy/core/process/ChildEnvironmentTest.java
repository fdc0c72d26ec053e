package dev.mcpproxy.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What real children of the proxy inherit: a server started through {@link StdioProcess}, and the orphan guard. */
class ChildEnvironmentTest {

    private final OrphanGuard guard = new OrphanGuard();

    @AfterEach
    void close() {
        guard.close();
    }

    @Test
    void aServerGetsItsOwnVariablesButNotTheLaunchTokenEvenWhenItsEnvNamesIt() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        StdioProcess env = StdioProcess.start(new ProcessSpec("env", List.of("env"),
                        Map.of(ChildEnvironment.LAUNCH_TOKEN, "secret", "GIVEN", "yes"), Optional.empty()),
                new LinesTo(line -> lines.add(new String(line, StandardCharsets.UTF_8))), new LogRing(10), guard);
        env.exited().get();
        assertTrue(lines.contains("GIVEN=yes"), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith(ChildEnvironment.LAUNCH_TOKEN + "=")), lines.toString());
    }

    @Test
    void theOrphanWatchdogKeepsNoFolderBusy() throws Exception {
        StdioProcess sleeper = StdioProcess.start(new ProcessSpec("sleeper", List.of("sleep", "30"), Map.of(),
                Optional.empty()), new LinesTo(line -> { }), new LogRing(10), guard);
        try {
            ProcessHandle watchdog = ProcessHandle.current().children()
                    .filter(p -> p.info().commandLine().orElse("").contains("groups="))
                    .findFirst().orElseThrow();
            assertEquals(Path.of("/"), Files.readSymbolicLink(Path.of("/proc", watchdog.pid() + "", "cwd")));
        } finally {
            sleeper.stop(Duration.ofSeconds(1));
        }
    }
}
