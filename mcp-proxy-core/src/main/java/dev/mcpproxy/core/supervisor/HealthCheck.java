package dev.mcpproxy.core.supervisor;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.upstream.UpstreamConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pings one start of a server, every interval of {@code health_check}: a ping not answered within its timeout makes
 * the server unhealthy, {@value #MISSES_BEFORE_RESTART} missed in a row fail it (and its restart policy decides what
 * comes next), an answer makes it healthy again. The shared timer only starts each ping, on a virtual thread of its
 * own, so that a server that hangs holds no timer thread.
 */
final class HealthCheck implements Runnable {

    /** Health checks missed in a row before the server is restarted. */
    static final int MISSES_BEFORE_RESTART = 3;

    private final ServerSupervisor supervisor;
    private final int attempt;
    private final UpstreamConnection connection;
    private final Duration timeout;
    private final AtomicInteger missedInARow = new AtomicInteger();

    /** Checks the start {@code attempt} of {@code supervisor}'s server, which talks over {@code connection}. */
    HealthCheck(ServerSupervisor supervisor, int attempt, UpstreamConnection connection, Duration timeout) {
        this.supervisor = supervisor;
        this.attempt = attempt;
        this.connection = connection;
        this.timeout = timeout;
    }

    /** Runs on the timer: a task that threw would silently end every later check, so nothing escapes. */
    @Override
    public void run() {
        try {
            Thread.ofVirtual().name(supervisor.name() + "-health").start(this::ping);
        } catch (RuntimeException | Error e) {
            missed("could not be pinged: " + ServerSupervisor.describe(e));
        }
    }

    private void ping() {
        try {
            connection.call("ping", Json.object(), timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            missedInARow.set(0);
            supervisor.answersPings(attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            missed(e instanceof Error ? "could not be pinged: " + ServerSupervisor.describe(e)
                    : "did not answer a ping within " + timeout.toMillis() + " ms");
        }
    }

    private void missed(String reason) {
        if (missedInARow.incrementAndGet() >= MISSES_BEFORE_RESTART) {
            supervisor.failed(attempt, reason + " " + MISSES_BEFORE_RESTART + " times in a row", false, false);
        } else {
            supervisor.unhealthy(attempt, reason);
        }
    }
}
