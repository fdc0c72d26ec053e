package dev.mcpproxy.desktop;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;

/** JavaFX for the tests: started once per JVM on the virtual display, and code run on its thread. */
public final class FxThread {

    private static boolean started;

    private FxThread() {
    }

    public static synchronized void start() throws IOException {
        if (started) {
            return;
        }
        VirtualDisplay.ensure();
        CompletableFuture<Void> up = new CompletableFuture<>();
        Platform.startup(() -> up.complete(null));
        Platform.setImplicitExit(false);
        up.orTimeout(30, TimeUnit.SECONDS).join();
        started = true;
    }

    public static <T> T call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.orTimeout(30, TimeUnit.SECONDS).join();
    }

    public static void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds. */
    public static void await(String what, Duration within, Supplier<Boolean> condition) throws InterruptedException {
        await(what, within, condition, () -> "");
    }

    /** As {@link #await(String, Duration, Supplier)}; a timeout says what {@code seen} (on the FX thread) says. */
    public static void await(String what, Duration within, Supplier<Boolean> condition, Supplier<String> seen)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!call(condition)) {
            if (Instant.now().isAfter(deadline)) {
                String last = call(seen);
                throw new AssertionError("Not within " + within + ": " + what + (last.isEmpty() ? "" : "; seen: "
                        + last));
            }
            Thread.sleep(20);
        }
    }
}
