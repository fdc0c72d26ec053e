package dev.mcpproxy.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * bench/desktop.mjs runs end to end, in miniature (one round, a second of idle), on the built launcher: the launch
 * timed to the window showing the demo server, every memory figure reported, nothing left after SIGTERM. Here, not in
 * mcp-proxy-server's BenchScriptsIT, because it needs this module's jar, which is built after the sidecar's tests.
 * The figures themselves are not judged (they belong in the benchmark's own runs).
 */
class DesktopBenchScriptIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String MB = "[0-9]+\\.[0-9]";

    @Test
    void theLaunchAndTheIdleMemoryAreMeasuredAndNothingIsLeft() throws Exception {
        Path out = Files.createTempFile(Path.of("target"), "bench-desktop-", ".out");
        Path err = Files.createTempFile(Path.of("target"), "bench-desktop-", ".err");
        ProcessBuilder builder = new ProcessBuilder("node", "bench/desktop.mjs", "1").directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("IDLE_MS", "1000");
        Process bench = builder.start();
        boolean exited = ProcessWaits.exitedWithin(bench, Duration.ofMinutes(3));
        String report = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(exited && bench.exitValue() == 0).as(report + "\n" + Files.readString(err)).isTrue();

        assertThat(report).containsPattern("  launch         median [0-9]+ .* target < 2000 ms\n")
                .containsPattern("  sidecar spawn  median [0-9]+ ").containsPattern("  sidecar ready  median [0-9]+ ")
                .containsPattern("  app \\(JavaFX, WebKit\\) +" + MB + " +Java heap +" + MB + " \\(used " + MB
                        + "\\), metaspace " + MB + "; anonymous " + MB + ", files " + MB + ", shared " + MB + "\n")
                .containsPattern("  sidecar +" + MB + " +Java heap +" + MB)
                .containsPattern("  app \\+ sidecar +" + MB + " ")
                .containsPattern("  Electron app idle +~380 +app \\+ sidecar ÷ Electron [0-9]+\\.[0-9]{2}\n")
                .containsPattern("  demo server, apart +" + MB + "\n")
                .containsPattern("SIGTERM → the app's exit median [0-9]+ ms; left 2 s after: nothing\n");
    }
}
