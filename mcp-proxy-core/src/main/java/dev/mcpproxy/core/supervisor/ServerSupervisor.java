package dev.mcpproxy.core.supervisor;

import dev.mcpproxy.core.config.HealthCheckConfig;
import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.process.LogStream;
import dev.mcpproxy.core.upstream.LiveUpstream;
import dev.mcpproxy.core.upstream.UpstreamConnection;
import dev.mcpproxy.core.upstream.auth.NeedsSignInException;
import dev.mcpproxy.shared.ServerState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one upstream server running: the states it goes through, each start ({@link StartAttempt}) and the pings
 * while it runs ({@link HealthCheck}), and its restarts with back-off when it goes away. Every start attempt has a
 * generation number; news from an older attempt (a late exit, a late handshake, a late ping) is ignored.
 */
public final class ServerSupervisor {

    /** A server that stayed up this long is no longer counted as crash-looping. */
    private static final Duration STABLE_AFTER = Duration.ofSeconds(30);

    private final ServerConfig config;
    private final SupervisorContext context;
    private final RestartPolicy restartPolicy;
    private final LogRing logs;
    private final Object lock = new Object();

    private ServerState state = ServerState.STOPPED;
    private int generation;
    private int failuresInARow;
    private int restarts;
    private String lastError;
    private Instant runningSince;
    private UpstreamConnection connection;
    private LiveUpstream live;
    private ScheduledFuture<?> pendingRestart;
    private ScheduledFuture<?> healthTask;
    private String signInChallenge;

    public ServerSupervisor(ServerConfig config, SupervisorContext context, LogRing logs) {
        this.config = config;
        this.context = context;
        this.restartPolicy = RestartPolicy.of(config.restart());
        this.logs = logs;
    }

    public String name() {
        return config.name();
    }

    public ServerConfig config() {
        return config;
    }

    public LogRing logs() {
        return logs;
    }

    /** Starts the server unless it is already up or starting. Returns at once; the work runs in the background. */
    public void start() {
        synchronized (lock) {
            if (state == ServerState.STARTING || state == ServerState.RUNNING || state == ServerState.UNHEALTHY) {
                return;
            }
            cancelTimers();
            failuresInARow = 0;
            launch();
        }
    }

    /** Stops the server and its whole process tree; blocks until it is gone. */
    public void stop() {
        Detached detached;
        synchronized (lock) {
            detached = detach();
            transition(ServerState.STOPPED, "stopped");
        }
        release(detached);
    }

    public void restart() {
        stop();
        synchronized (lock) {
            restarts++;
        }
        start();
    }

    public ServerStatus status() {
        synchronized (lock) {
            OptionalLong pid = connection == null ? OptionalLong.empty() : connection.transport().pid();
            return new ServerStatus(config.name(), state, pid, Optional.ofNullable(runningSince), restarts,
                    Optional.ofNullable(lastError));
        }
    }

    private void launch() {
        int attempt = ++generation;
        transition(ServerState.STARTING, null);
        try {
            Thread.ofVirtual().name(config.name() + "-start").start(new StartAttempt(this, attempt, context));
        } catch (RuntimeException | Error e) {
            failed(attempt, "could not start a thread to start it: " + describe(e), false, false);
        }
    }

    /** The start {@code attempt} made its connection, kept so that a stop closes it; false when it is stale. */
    boolean connected(int attempt, UpstreamConnection made) {
        synchronized (lock) {
            if (attempt != generation) {
                return false;
            }
            connection = made;
            return true;
        }
    }

    /** The start {@code attempt} finished its handshake; false when it is stale. */
    boolean initialized(int attempt, LiveUpstream up) {
        synchronized (lock) {
            if (attempt != generation) {
                return false;
            }
            live = up;
            return true;
        }
    }

    /** The start {@code attempt} is up, its lists loaded: it runs, and is pinged. False when it is stale. */
    boolean running(int attempt) {
        synchronized (lock) {
            if (attempt != generation) {
                return false;
            }
            runningSince = Instant.now();
            transition(ServerState.RUNNING, null);
            scheduleHealthChecks(attempt);
            return true;
        }
    }

    /** An exception's message; an Error, whose message says little alone, with its type. */
    static String describe(Throwable e) {
        return e instanceof Error || e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * The attempt ended: by a crash, a lost connection, a failed handshake, or failed health checks. A
     * {@code permanent} failure (a command that cannot be executed) is not retried: only a change can fix it.
     */
    void failed(int attempt, String reason, boolean cleanExit, boolean permanent) {
        Detached detached;
        synchronized (lock) {
            if (attempt != generation || state == ServerState.STOPPED) {
                return;
            }
            boolean wasStable = runningSince != null
                    && Duration.between(runningSince, Instant.now()).compareTo(STABLE_AFTER) >= 0;
            detached = detach();
            int next = generation;
            failuresInARow = wasStable ? 1 : failuresInARow + 1;
            lastError = reason;
            Optional<Duration> delay = permanent ? Optional.empty()
                    : restartPolicy.nextDelay(failuresInARow, cleanExit);
            if (delay.isPresent()) {
                transition(ServerState.BACKING_OFF, reason + "; restarting in " + delay.get().toMillis() + " ms");
                pendingRestart = context.timer().schedule(() -> restartAfterBackoff(next),
                        delay.get().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                transition(cleanExit ? ServerState.STOPPED : ServerState.FAILED, failedDetail(reason));
            }
        }
        release(detached);
    }

    /** The start {@code attempt}'s server wants a person to sign in: it waits in NEEDS_SIGN_IN, not restarted. */
    void needsSignIn(int attempt, NeedsSignInException e) {
        Detached detached;
        synchronized (lock) {
            if (attempt != generation || state == ServerState.STOPPED) {
                return;
            }
            detached = detach();
            lastError = e.getMessage();
            signInChallenge = e.wwwAuthenticate();
            transition(ServerState.NEEDS_SIGN_IN, e.getMessage());
        }
        release(detached);
    }

    /** The WWW-Authenticate header of the 401 that asked for sign-in; empty when none came, or none was asked. */
    public String signInChallenge() {
        synchronized (lock) {
            return signInChallenge == null ? "" : signInChallenge;
        }
    }

    private String failedDetail(String reason) {
        String stderr = String.join("\n", logs.lastStderr(10));
        return stderr.isEmpty() ? reason : reason + "\nLast stderr lines:\n" + stderr;
    }

    private void restartAfterBackoff(int attempt) {
        synchronized (lock) {
            if (attempt == generation && state == ServerState.BACKING_OFF) {
                restarts++;
                launch();
            }
        }
    }

    /** What a stop or a failure took from the supervisor, to be let go of once the lock is released. */
    private record Detached(UpstreamConnection connection, LiveUpstream live) {
    }

    /** With the lock held: ends the current attempt and takes its connection, which no one reaches through us now. */
    private Detached detach() {
        generation++;
        cancelTimers();
        Detached detached = new Detached(connection, live);
        connection = null;
        live = null;
        runningSince = null;
        return detached;
    }

    /** Outside the lock: out of routing first, so no call is sent to a connection being closed. */
    private void release(Detached detached) {
        if (detached.live() != null) {
            context.lifecycle().down(detached.live());
        }
        if (detached.connection() != null) {
            detached.connection().close();
        }
    }

    /** Called with the lock held, as the start {@code attempt} begins to run over {@link #connection}. */
    private void scheduleHealthChecks(int attempt) {
        HealthCheckConfig health = context.healthCheck();
        if (health.enabled()) {
            long every = health.interval().toMillis();
            healthTask = context.timer().scheduleWithFixedDelay(
                    new HealthCheck(this, attempt, connection, health.timeout()), every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** A ping of the start {@code attempt} was answered. */
    void answersPings(int attempt) {
        synchronized (lock) {
            if (attempt == generation && state == ServerState.UNHEALTHY) {
                transition(ServerState.RUNNING, "answers pings again");
            }
        }
    }

    /** A ping of the start {@code attempt} was missed, fewer times in a row than make it fail. */
    void unhealthy(int attempt, String reason) {
        synchronized (lock) {
            if (attempt == generation && state == ServerState.RUNNING) {
                transition(ServerState.UNHEALTHY, reason);
            }
        }
    }

    private void cancelTimers() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
        if (healthTask != null) {
            healthTask.cancel(false);
            healthTask = null;
        }
    }

    private void transition(ServerState next, String detail) {
        state = next;
        if (detail != null && next != ServerState.RUNNING) {
            lastError = next == ServerState.STOPPED ? lastError : detail;
        }
        logs.append(LogStream.PROXY, config.name() + " is " + next.wireName() + (detail == null ? "" : ": " + detail));
        context.stateListener().stateChanged(config.name(), next, detail);
    }
}
