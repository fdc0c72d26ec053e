package dev.mcpproxy.desktop;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits for a process a test started, so that nothing it started outlives the test. */
public final class ProcessWaits {

    private ProcessWaits() {
    }

    /** Whether {@code process} exited within the bound; past it, it and everything it started are killed. */
    public static boolean exitedWithin(Process process, Duration within) throws InterruptedException {
        boolean exited = process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return exited;
    }
}
