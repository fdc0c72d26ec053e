package dev.mcpproxy.desktop;

import dev.mcpproxy.desktop.backend.SidecarClient;
import dev.mcpproxy.desktop.instance.InstanceLock;
import dev.mcpproxy.desktop.instance.LockRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The app as the user runs it: its own JVM on the virtual display, with folders of the test's own. */
public final class AppProcess implements AutoCloseable {

    public final Process process;
    public final Path state;
    private final Path log;

    private AppProcess(Process process, Path state, Path log) {
        this.process = process;
        this.state = state;
        this.log = log;
    }

    /** Starts the app; {@code yaml} is written as its configuration unless the folder has one. */
    public static AppProcess start(Path dir, String yaml) throws IOException {
        return start(dir, yaml, List.of());
    }

    /** Starts the app with these arguments on its command line. */
    public static AppProcess start(Path dir, String yaml, List<String> args) throws IOException {
        Path config = dir.resolve("config");
        Path state = dir.resolve("state");
        Files.createDirectories(config.resolve("mcp-proxy"));
        if (!Files.exists(config.resolve("mcp-proxy").resolve("mcp-proxy-config.yaml"))) {
            TestSidecars.writeConfig(config.resolve("mcp-proxy"), yaml);
        }
        Path log = Files.createTempFile(dir, "app", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", VirtualDisplay.ensure());
        builder.environment().put("XDG_CONFIG_HOME", config.toString());
        builder.environment().put("XDG_STATE_HOME", state.toString());
        return new AppProcess(builder.start(), state.resolve("mcp-proxy"), log);
    }

    /** Waits until the app's sidecar answers, and returns the lock's record of it. */
    public LockRecord awaitSidecar(Duration within) throws Exception {
        return awaitSidecar(process, state, within, this::output);
    }

    /** An app process's output so far, for a failing assertion's message. */
    public interface Output {
        String read() throws IOException;
    }

    /**
     * Waits until the sidecar of the app {@code process} answers {@code /health}, as its lock in {@code state} records
     * it, and returns that record; fails with the app's output if it exits first or the time runs out.
     */
    public static LockRecord awaitSidecar(Process process, Path state, Duration within, Output output)
            throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Optional<LockRecord> record = InstanceLock.read(state);
            if (record.isPresent() && record.get().appPid() == process.pid() && record.get().sidecarPid() > 0
                    && new SidecarClient(record.get().apiPort(), record.get().token()).healthy(Duration.ofSeconds(1))) {
                return record.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError("The app exited with " + process.exitValue() + ":\n" + output.read());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The app's sidecar did not answer within " + within + ":\n" + output.read());
    }

    /** The sidecar and every process under it, once it runs as many servers as expected (and its guard). */
    public static List<ProcessHandle> sidecarTree(LockRecord record, int servers) throws InterruptedException {
        for (int i = 0; i < 1_000; i++) {
            List<ProcessHandle> tree = TestSidecars.treeOf(record.sidecarPid());
            if (tree.size() >= servers + 2) {
                return new ArrayList<>(tree);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("The sidecar runs fewer than " + servers + " servers: "
                + TestSidecars.treeOf(record.sidecarPid()));
    }

    /**
     * Whether a process has ended: gone, or a zombie that only waits to be reaped (by init here, which can take
     * seconds), holding no port, no memory and running nothing.
     */
    public static boolean ended(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Its output so far, for a failing assertion's message. */
    @Override
    public String toString() {
        try {
            return output();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            process.onExit().get();
        }
    }
}
