package dev.mcpproxy.server.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher trains its class cache with {@code --aot-training}; a failure there only shows as a slow start. The
 * training starts a server of its own and calls its tool, so that a server's start is in the cache too.
 */
class AotTrainingTest {

    @Test
    void theTrainingRunServesItsRequestsAndExitsCleanly() throws Exception {
        Process training = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--aot-training"))
                .redirectErrorStream(true).start();
        assertThat(training.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(training.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(training.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("AOT training failed").contains("training is running");
    }
}
