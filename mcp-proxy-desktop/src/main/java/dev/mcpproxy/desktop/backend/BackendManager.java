package dev.mcpproxy.desktop.backend;

import dev.mcpproxy.desktop.backend.FreePorts.Ports;
import dev.mcpproxy.shared.OperatingSystem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Starts, watches and stops the sidecar (the seed's §2). It is spawned by absolute path with the launch token in
 * {@code MCP_PROXY_TOKEN} and its stdin held as a pipe ({@code --exit-on-stdin-eof}), so that it exits however the
 * app dies; it is ready once {@code GET /health} answers, polled every 10 ms. Starts and stops run one at a time on
 * one long-lived thread, the sidecar's parent: Linux sends the sidecar its parent-death signal when the thread that
 * spawned it ends, not only the app.
 */
public final class BackendManager implements AutoCloseable {

    static final Duration READY_POLL = Duration.ofMillis(10);
    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");
    private static final int LINES_SHOWN = 20;

    /**
     * @param readyTimeout how long a start may take before it counts as failed
     * @param stopGrace    how long the sidecar has to stop its servers and exit before its tree is killed
     */
    public record Settings(Duration readyTimeout, Duration stopGrace) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    /** A sidecar that exited without being asked to: its pid, exit status and last lines of output. */
    public record SidecarExit(long pid, int status, List<String> lastLines) {
    }

    private record Sidecar(Process process, Thread output, Ports ports, Instant readyAt, SidecarClient client) {
    }

    private final SidecarCommand command;
    private final Path config;
    private final String token;
    private final Supplier<Ports> preferredPorts;
    private final Settings settings;
    private final SidecarLog output = new SidecarLog(200);
    private final ExecutorService parent = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("sidecar-parent").daemon().unstarted(r));
    private final List<Consumer<SidecarExit>> exitListeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<Sidecar> current = new AtomicReference<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile Ports lastPorts;
    private volatile String lastError;

    /**
     * @param preferredPorts the configuration's ports, asked at each start; busy ones are replaced by free ones
     */
    public BackendManager(SidecarCommand command, Path config, String token, Supplier<Ports> preferredPorts,
                          Settings settings) {
        this.command = command;
        this.config = config;
        this.token = token;
        this.preferredPorts = preferredPorts;
        this.settings = settings;
    }

    /** Called, on a background thread, when a running sidecar exits without being stopped. */
    public void onUnexpectedExit(Consumer<SidecarExit> listener) {
        exitListeners.add(listener);
    }

    /** Starts the sidecar unless one runs, and returns once it is ready. */
    public BackendStatus start() throws BackendException {
        return onParentThread(this::startHere);
    }

    /** A start after a crash or hang, counted in the status's restarts. */
    public BackendStatus restartAfterFailure() throws BackendException {
        restarts.incrementAndGet();
        return start();
    }

    /** Asks the sidecar to stop its servers and exit; kills its tree if it has not within the grace period. */
    public BackendStatus stop() {
        try {
            return onParentThread(this::stopHere);
        } catch (BackendException e) {
            throw new IllegalStateException("stopping does not fail", e);
        }
    }

    /** Kills a sidecar that no longer answers; its exit is then reported as unexpected, like a crash. */
    public void killUnresponsive() {
        Sidecar sidecar = current.get();
        if (sidecar != null) {
            LOG.log(Level.WARNING, "Killing the sidecar (pid {0}), which stopped answering",
                    Long.toString(sidecar.process().pid()));
            ProcessTree.kill(sidecar.process().toHandle());
        }
    }

    public BackendStatus status() {
        Sidecar sidecar = current.get();
        Ports ports = sidecar != null ? sidecar.ports() : lastPorts;
        boolean running = sidecar != null && sidecar.process().isAlive();
        return new BackendStatus(running, running ? sidecar.process().pid() : null,
                ports == null ? 0 : ports.port(), ports == null ? 0 : ports.apiPort(),
                running ? Duration.between(sidecar.readyAt(), Instant.now()).toSeconds() : null, restarts.get(),
                lastError);
    }

    /** The running sidecar's client, for the calls the app makes to it. */
    public Optional<SidecarClient> client() {
        return Optional.ofNullable(current.get()).map(Sidecar::client);
    }

    public List<String> lastLines(int count) {
        return output.last(count);
    }

    /** Records a failure the monitor decided on (it gave up), for the status. */
    public void reportError(String message) {
        lastError = message;
    }

    public String token() {
        return token;
    }

    @Override
    public void close() {
        if (parent.isShutdown()) {
            return;
        }
        stop();
        parent.shutdown();
    }

    private BackendStatus startHere() throws BackendException {
        if (current.get() != null && current.get().process().isAlive()) {
            return status();
        }
        Ports ports = ports();
        List<String> argv = command.argv(config, ports.port(), ports.apiPort());
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        command.prepareEnvironment(builder.environment());
        builder.environment().put("MCP_PROXY_TOKEN", token);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw failed("Could not start the sidecar (" + argv.getFirst() + "): " + e.getMessage(), e);
        }
        if (OperatingSystem.current() == OperatingSystem.WINDOWS) {
            WindowsJob.addToAppJob(process.pid());
        }
        LOG.log(Level.INFO, "Starting the sidecar (pid {0}) on ports {1} and {2}...", Long.toString(process.pid()),
                Integer.toString(ports.port()), Integer.toString(ports.apiPort()));
        Thread reader = readOutput(process);
        SidecarClient client = new SidecarClient(ports.apiPort(), token);
        Instant spawned = Instant.now();
        awaitReady(process, reader, client);
        Sidecar sidecar = new Sidecar(process, reader, ports, Instant.now(), client);
        current.set(sidecar);
        process.onExit().thenAccept(p -> exited(sidecar));
        LOG.log(Level.INFO, "The sidecar is ready in {0} ms",
                Long.toString(Duration.between(spawned, Instant.now()).toMillis()));
        lastError = null;
        return status();
    }

    private Ports ports() throws BackendException {
        Ports preferred = lastPorts != null ? lastPorts : preferredPorts.get();
        try {
            Ports chosen = FreePorts.choose(preferred.port(), preferred.apiPort());
            if (!chosen.equals(preferred)) {
                LOG.log(Level.WARNING, "Port {0} or {1} is in use by another program; the sidecar takes {2} and {3}",
                        Integer.toString(preferred.port()), Integer.toString(preferred.apiPort()),
                        Integer.toString(chosen.port()), Integer.toString(chosen.apiPort()));
            }
            lastPorts = chosen;
            return chosen;
        } catch (IOException e) {
            throw failed("No free ports for the sidecar: " + e.getMessage(), e);
        }
    }

    private void awaitReady(Process process, Thread reader, SidecarClient client) throws BackendException {
        Instant deadline = Instant.now().plus(settings.readyTimeout());
        while (!client.healthy(Duration.ofSeconds(1))) {
            if (!process.isAlive()) {
                awaitOutput(reader);
                throw failed("The sidecar exited with status " + process.exitValue() + " before it was ready."
                        + lastLinesText(), null);
            }
            if (Instant.now().isAfter(deadline)) {
                ProcessTree.kill(process.toHandle());
                throw failed("The sidecar did not answer on " + client.origin() + "/health within "
                        + settings.readyTimeout().toSeconds() + " s." + lastLinesText(), null);
            }
            try {
                Thread.sleep(READY_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ProcessTree.kill(process.toHandle());
                throw failed("Interrupted while the sidecar started", e);
            }
        }
    }

    private BackendStatus stopHere() {
        Sidecar sidecar = current.getAndSet(null);
        if (sidecar != null) {
            LOG.log(Level.INFO, "Stopping the sidecar (pid {0})...", Long.toString(sidecar.process().pid()));
            Instant asked = Instant.now();
            boolean graceful = ProcessTree.stop(sidecar.process().toHandle(), settings.stopGrace());
            LOG.log(Level.INFO, "The sidecar {0} in {1} ms", graceful ? "stopped" : "was killed after its grace period",
                    Long.toString(Duration.between(asked, Instant.now()).toMillis()));
        }
        return status();
    }

    /** Runs once per sidecar; a stopped one was taken out of {@link #current} first, so only a crash gets here. */
    private void exited(Sidecar sidecar) {
        if (!current.compareAndSet(sidecar, null)) {
            return;
        }
        awaitOutput(sidecar.output());
        int status = sidecar.process().exitValue();
        lastError = "The sidecar exited with status " + status;
        LOG.log(Level.WARNING, "{0} (pid {1})", lastError, Long.toString(sidecar.process().pid()));
        SidecarExit exit = new SidecarExit(sidecar.process().pid(), status, output.last(LINES_SHOWN));
        exitListeners.forEach(listener -> listener.accept(exit));
    }

    /** The output's last lines are read by the time they are shown: the reader ends soon after the process. */
    private static void awaitOutput(Thread reader) {
        try {
            reader.join(Duration.ofMillis(500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Thread readOutput(Process process) {
        return Thread.ofPlatform().name("sidecar-output-" + process.pid()).daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    LOG.log(Level.DEBUG, "sidecar: {0}", line);
                }
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "The sidecar's output ended: {0}", e.getMessage());
            }
        });
    }

    private String lastLinesText() {
        List<String> lines = output.last(LINES_SHOWN);
        return lines.isEmpty() ? "" : " Its last lines:\n" + String.join("\n", lines);
    }

    private BackendException failed(String message, Throwable cause) {
        lastError = message;
        LOG.log(Level.ERROR, message);
        return new BackendException(message, cause);
    }

    private <T> T onParentThread(Callable<T> task) throws BackendException {
        try {
            return parent.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BackendException failure) {
                throw failure;
            }
            throw new IllegalStateException("The sidecar's parent thread failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("Interrupted while waiting for the sidecar", e);
        }
    }
}
