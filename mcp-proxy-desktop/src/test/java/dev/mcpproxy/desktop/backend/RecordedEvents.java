package dev.mcpproxy.desktop.backend;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** The monitor's events as a test sees them, in order. */
final class RecordedEvents implements BackendEvents {

    final List<String> errors = new CopyOnWriteArrayList<>();
    final List<BackendStatus> statuses = new CopyOnWriteArrayList<>();
    final List<List<String>> gaveUp = new CopyOnWriteArrayList<>();

    @Override
    public void error(String message) {
        errors.add(message);
    }

    @Override
    public void status(BackendStatus status) {
        statuses.add(status);
    }

    @Override
    public void gaveUp(String message, List<String> lastLines) {
        gaveUp.add(lastLines);
    }

    static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not reached within " + within);
            }
            Thread.sleep(5);
        }
    }

    static BackendStatus awaitStatus(BackendManager manager, Predicate<BackendStatus> wanted, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            BackendStatus status = manager.status();
            if (wanted.test(status)) {
                return status;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("Not reached within " + within + "; last status " + manager.status());
    }
}
