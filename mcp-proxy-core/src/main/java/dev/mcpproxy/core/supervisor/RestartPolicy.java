package dev.mcpproxy.core.supervisor;

import dev.mcpproxy.core.config.RestartConfig;
import java.time.Duration;
import java.util.Optional;

/** Decides whether, and after how long, a server that went away is started again. */
public interface RestartPolicy {

    /**
     * @param failuresInARow how many times in a row the server went away without staying up (1 for the first)
     * @param cleanExit      the process ended with exit code 0
     * @return the delay before the next start, or empty to give up
     */
    Optional<Duration> nextDelay(int failuresInARow, boolean cleanExit);

    static RestartPolicy of(RestartConfig config) {
        return switch (config.policy()) {
            case NEVER -> new NeverRestart();
            case ON_FAILURE -> new BackoffRestartPolicy(config, false);
            case ALWAYS -> new BackoffRestartPolicy(config, true);
        };
    }
}
