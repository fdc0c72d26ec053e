package dev.mcpproxy.server;

import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.process.OrphanGuard;
import dev.mcpproxy.core.process.ProcessSpec;
import dev.mcpproxy.core.process.StdioProcess;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JVM with the sidecar's handling of dying threads, for {@link ThreadDeathTest}: one thread dies the way its
 * argument says, then main waits as the sidecar's does.
 */
final class ThreadDeathFixture {

    private ThreadDeathFixture() {
    }

    public static void main(String[] args) throws Exception {
        Thread.setDefaultUncaughtExceptionHandler(Main::threadDied);
        switch (args[0]) {
            case "out-of-memory" -> {
                // An upstream of its own first, to see that it goes with this process, as with the sidecar's.
                StdioProcess upstream = StdioProcess.start(new ProcessSpec("upstream", List.of("sleep", "600"),
                        Map.of(), Optional.empty()), line -> { }, new LogRing(10), new OrphanGuard());
                System.out.println("upstream " + upstream.pid());
                System.out.flush();
                dying("worker", new OutOfMemoryError("Java heap space")).join();
            }
            case "linkage-failed-for-memory" -> dying("worker",
                    new BootstrapMethodError("bootstrap method initialization exception", new OutOfMemoryError()))
                    .join();
            case "exception" -> dying("worker", new IllegalStateException("a bug")).join();
            case "front-stops" -> {
                Thread front = Thread.ofPlatform().name("mcp-http").unstarted(ThreadDeathFixture::sleepBriefly);
                Thread.ofPlatform().name("api-http").daemon().start(ThreadDeathFixture::sleepLong);
                front.start();
                Sidecar.watchFront();
                System.exit(Sidecar.awaitFrontStopped());
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("main goes on");
        System.exit(0);
    }

    private static Thread dying(String name, Throwable death) {
        return Thread.ofPlatform().name(name).start(() -> {
            if (death instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) death;
        });
    }

    private static void sleepBriefly() {
        sleep(500);
    }

    private static void sleepLong() {
        sleep(60_000);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
