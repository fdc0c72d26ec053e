package dev.mcpproxy.desktop.backend;

import dev.mcpproxy.shared.OperatingSystem;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the sidecar running (the seed's §8): an exit is noticed at once ({@link Process#onExit}), a hung sidecar by
 * a periodic {@code /health} check; either is restarted with backoff, and after too many crashes in a short time the
 * monitor stops and says why, with the sidecar's last lines. Everything runs on one named thread.
 */
public final class BackendMonitor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");
    private static final int LINES_SHOWN = 20;

    /**
     * @param interval       between two health checks
     * @param timeout        for one health check
     * @param missesToReplace failed checks in a row after which the sidecar counts as hung
     */
    public record HealthSettings(Duration interval, Duration timeout, int missesToReplace) {
        public static final HealthSettings DEFAULTS = new HealthSettings(Duration.ofSeconds(5), Duration.ofSeconds(2),
                2);
    }

    private final BackendManager manager;
    private final BackendEvents events;
    private final RestartBackoff backoff;
    private final HealthSettings health;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("backend-monitor").daemon().unstarted(r));
    private final Deque<Instant> crashes = new ArrayDeque<>();
    private int missedChecks;
    /** Why the health check killed the sidecar, for the exit that follows. */
    private String hung;
    private volatile boolean gaveUp;

    public BackendMonitor(BackendManager manager, BackendEvents events, RestartBackoff backoff,
                          HealthSettings health) {
        this.manager = manager;
        this.events = events;
        this.backoff = backoff;
        this.health = health;
        manager.onUnexpectedExit(exit -> thread.execute(() -> {
            String what = hung != null ? hung : "The sidecar exited unexpectedly (" + exitInWords(exit.status()) + ")";
            hung = null;
            failed(what);
        }));
    }

    public void start() {
        thread.scheduleWithFixedDelay(new HealthCheck(), health.interval().toMillis(), health.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** After the monitor gave up: forget the crashes and start the sidecar again (the failure view's Retry). */
    public void retry() {
        thread.execute(() -> {
            crashes.clear();
            gaveUp = false;
            restart(false);
        });
    }

    public boolean gaveUp() {
        return gaveUp;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    /** A crash, a failed restart or a hang: counted, then restarted after the backoff, or given up on. */
    private void failed(String what) {
        Instant now = Instant.now();
        crashes.addLast(now);
        while (!crashes.isEmpty() && crashes.peekFirst().isBefore(now.minus(backoff.window()))) {
            crashes.removeFirst();
        }
        int recent = crashes.size();
        if (backoff.givesUp(recent)) {
            gaveUp = true;
            List<String> lines = manager.lastLines(LINES_SHOWN);
            String message = what + ". It stopped " + recent + " times within " + backoff.window().toSeconds()
                    + " s, so it is not started again until you retry.";
            LOG.log(Level.ERROR, message);
            manager.reportError(message);
            events.error(message);
            events.status(manager.status());
            events.gaveUp(message, lines);
            return;
        }
        Duration delay = backoff.delay(recent);
        LOG.log(Level.WARNING, "{0}; restarting it in {1} ms", what, Long.toString(delay.toMillis()));
        events.error(what + "; restarting it");
        events.status(manager.status());
        thread.schedule(() -> restart(true), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(boolean afterFailure) {
        try {
            BackendStatus status = afterFailure ? manager.restartAfterFailure() : manager.start();
            missedChecks = 0;
            events.status(status);
        } catch (BackendException e) {
            failed("The sidecar could not be started again: " + e.getMessage());
        }
    }

    /**
     * A sidecar's exit status as a person reads it: on Linux and macOS the JDK reports a process a signal ended as
     * 128 + the signal's number (137 for kill -9), which says nothing unless it is named.
     */
    static String exitInWords(int status) {
        if (OperatingSystem.current() == OperatingSystem.WINDOWS || status <= 128 || status > 128 + 64) {
            return "status " + status;
        }
        int signal = status - 128;
        String named = switch (signal) {
            case 9 -> "SIGKILL: something outside it killed it, such as kill -9 or the system when short of memory";
            case 15 -> "SIGTERM: something outside it asked it to end";
            case 6 -> "SIGABRT: its JVM aborted";
            case 11 -> "SIGSEGV: its JVM crashed";
            default -> "";
        };
        return "ended by signal " + signal + (named.isEmpty() ? "" : ", " + named);
    }

    /** The seed's periodic check, which also catches a sidecar that is alive but no longer answers. */
    private final class HealthCheck implements Runnable {
        @Override
        public void run() {
            try {
                var client = manager.client();
                if (gaveUp || client.isEmpty()) {
                    missedChecks = 0;
                    return;
                }
                missedChecks = client.get().healthy(health.timeout()) ? 0 : missedChecks + 1;
                if (missedChecks >= health.missesToReplace()) {
                    missedChecks = 0;
                    hung = "The sidecar stopped answering " + client.get().origin() + "/health and was killed";
                    manager.killUnresponsive();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "The sidecar's health check failed", e);
            }
        }
    }
}
