package dev.mcpproxy.desktop.backend;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Ends a process and everything it started: asked first (SIGTERM), then forced after a grace period. */
public final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Asks {@code root} to end and waits up to {@code grace}; past it, kills it and its descendants. Descendants that
     * outlive a root which ended by itself (reparented, so no longer its descendants) are killed too.
     *
     * @return whether the root ended within the grace period of its own accord
     */
    public static boolean stop(ProcessHandle root, Duration grace) {
        List<ProcessHandle> before = root.descendants().toList();
        root.destroy();
        boolean graceful = awaitExit(root, grace);
        if (!graceful) {
            kill(root, Stream.concat(before.stream(), root.descendants()).distinct().toList());
        }
        before.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return graceful;
    }

    /** Kills the process and its descendants at once (SIGKILL), and waits until the root is gone. */
    public static void kill(ProcessHandle root) {
        kill(root, root.descendants().toList());
    }

    private static void kill(ProcessHandle root, List<ProcessHandle> tree) {
        root.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitExit(root, Duration.ofSeconds(5));
    }

    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
