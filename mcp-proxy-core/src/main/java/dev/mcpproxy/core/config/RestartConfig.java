package dev.mcpproxy.core.config;

import java.time.Duration;

/**
 * When and how fast a server that exited is started again.
 *
 * @param policy       never, on-failure (exit code other than 0, or lost connection), or always
 * @param maxRetries   consecutive failed starts before the server is marked failed
 * @param initialDelay the first back-off delay; each retry doubles it
 * @param maxDelay     the cap on the back-off delay
 */
public record RestartConfig(Policy policy, int maxRetries, Duration initialDelay, Duration maxDelay) {

    public enum Policy {
        NEVER("never"),
        ON_FAILURE("on-failure"),
        ALWAYS("always");

        private final String yamlName;

        Policy(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}
