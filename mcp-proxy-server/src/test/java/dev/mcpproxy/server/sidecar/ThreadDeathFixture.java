package dev.mcpproxy.server.sidecar;

import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.process.OrphanGuard;
import dev.mcpproxy.core.process.ProcessSpec;
import dev.mcpproxy.core.json.MessageScanner;
import dev.mcpproxy.core.process.StdioProcess;
import dev.mcpproxy.core.process.StdoutHandler;
import dev.mcpproxy.server.http1.Http1Exchange;
import dev.mcpproxy.server.http1.Http1Head;
import dev.mcpproxy.server.http1.Http1Request;
import dev.mcpproxy.server.http1.Http1Server;
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
                        Map.of(), Optional.empty()), new Silent(), new LogRing(10), new OrphanGuard());
                System.out.println("upstream " + upstream.pid());
                System.out.flush();
                dying("worker", new OutOfMemoryError("Java heap space")).join();
            }
            case "linkage-failed-for-memory" -> dying("worker",
                    new BootstrapMethodError("bootstrap method initialization exception", new OutOfMemoryError()))
                    .join();
            case "exception" -> dying("worker", new IllegalStateException("a bug")).join();
            case "front-stops" -> {
                // A real port's server that stops serving while no shutdown is under way.
                Http1Server front = new Http1Server("127.0.0.1", 0, new RefuseAll(),
                        Http1Server.Limits.defaults(1024, 4096));
                front.start("mcp-http");
                Sidecar.watchFront(front.stopped().thenApply(v -> "proxy_port"));
                Thread.ofVirtual().start(() -> {
                    sleep(500);
                    front.close();
                });
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

    /** The stdout of an upstream that writes nothing. */
    private static final class Silent implements StdoutHandler {
        @Override
        public int maxLength() {
            return 1024;
        }

        @Override
        public void line(byte[] line) {
        }

        @Override
        public void longLine(List<byte[]> pieces, long length, MessageScanner seen) {
        }

        @Override
        public void skipped(byte[] head, long length, MessageScanner seen, Skip why) {
        }

        @Override
        public void readerFailed(String reason) {
        }
    }

    private static final class RefuseAll implements Http1Server.Handler {
        @Override
        public Optional<Http1Server.Refusal> admit(Http1Head head) {
            return Optional.of(new Http1Server.Refusal(503, "not serving"));
        }

        @Override
        public void handle(Http1Request request, Http1Exchange exchange) {
            exchange.respond(503, null, null);
        }

        @Override
        public byte[] errorBody(String message) {
            return new byte[0];
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
