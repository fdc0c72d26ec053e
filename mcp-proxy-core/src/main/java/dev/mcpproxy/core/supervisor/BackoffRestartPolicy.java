package dev.mcpproxy.core.supervisor;

import dev.mcpproxy.core.config.RestartConfig;
import java.time.Duration;
import java.util.Optional;

/** Exponential back-off: the initial delay, doubled for each failure in a row, capped; gives up after max retries. */
public final class BackoffRestartPolicy implements RestartPolicy {

    private final RestartConfig config;
    private final boolean restartCleanExits;

    public BackoffRestartPolicy(RestartConfig config, boolean restartCleanExits) {
        this.config = config;
        this.restartCleanExits = restartCleanExits;
    }

    @Override
    public Optional<Duration> nextDelay(int failuresInARow, boolean cleanExit) {
        if ((cleanExit && !restartCleanExits) || failuresInARow > config.maxRetries()) {
            return Optional.empty();
        }
        long factor = 1L << Math.min(failuresInARow - 1, 30);
        Duration delay = config.initialDelay().multipliedBy(factor);
        return Optional.of(delay.compareTo(config.maxDelay()) > 0 ? config.maxDelay() : delay);
    }
}
