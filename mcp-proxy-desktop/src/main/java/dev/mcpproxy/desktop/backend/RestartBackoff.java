package dev.mcpproxy.desktop.backend;

import java.time.Duration;

/**
 * How long the monitor waits before starting a crashed sidecar again, and when it stops trying: the first restart
 * is at once (a window should not wait on a one-off crash), each further crash within the window doubles the wait,
 * and {@code limit} crashes within it end the restarts.
 *
 * @param first  the wait before the second restart; the first is immediate
 * @param max    the longest wait
 * @param limit  crashes within {@code window} after which the sidecar is not started again
 */
public record RestartBackoff(Duration first, Duration max, int limit, Duration window) {

    public static final RestartBackoff DEFAULTS = new RestartBackoff(Duration.ofMillis(250), Duration.ofSeconds(5),
            5, Duration.ofMinutes(1));

    /** @param recentCrashes crashes within the window, this one included */
    public Duration delay(int recentCrashes) {
        if (recentCrashes <= 1) {
            return Duration.ZERO;
        }
        long millis = first.toMillis() << Math.min(recentCrashes - 2, 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    public boolean givesUp(int recentCrashes) {
        return recentCrashes >= limit;
    }
}
