package dev.mcpproxy.demo;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Log lines written to stderr at a steady rate, in the background, until stopped: an upstream that logs heavily on
 * its own, as the log benchmark needs, without a client calling a tool for every batch. Lines go out in one write
 * every {@link #TICK}, as a server's buffered logger would send them.
 */
final class LogFlood {

    private static final Duration TICK = Duration.ofMillis(50);
    private static final Written NOTHING = new Written(0, Duration.ZERO);

    private final PrintStream err;
    private Thread writer;
    /** What the running (or last) flood has written so far. */
    private volatile Written written = NOTHING;

    /** What a flood wrote: its lines, over the time from its start to its last write. */
    record Written(long lines, Duration over) {
    }

    LogFlood(PrintStream err) {
        this.err = err;
    }

    /** Starts writing {@code perSecond} lines a second, replacing a flood already running. */
    synchronized void start(int perSecond) {
        stop();
        written = NOTHING;
        writer = Thread.ofPlatform().name("log-flood").daemon().start(() -> write(perSecond));
    }

    /** Stops the flood once its current write is out; returns what it wrote (nothing when none ran). */
    synchronized Written stop() {
        if (writer == null) {
            return NOTHING;
        }
        writer.interrupt();
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        writer = null;
        return written;
    }

    private void write(int perSecond) {
        long began = System.nanoTime();
        long count = 0;
        StringBuilder batch = new StringBuilder();
        // Stopped by an interrupt: writes to stderr do not notice one, so it ends the sleep after the write under way.
        while (true) {
            long due = (System.nanoTime() - began) * perSecond / 1_000_000_000L;
            batch.setLength(0);
            for (; count < due; count++) {
                batch.append("log line ").append(count + 1).append(" (flood at ").append(perSecond).append("/s)\n");
            }
            if (!batch.isEmpty()) {
                err.print(batch);
                err.flush();
                written = new Written(count, Duration.ofNanos(System.nanoTime() - began));
            }
            try {
                Thread.sleep(TICK);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
