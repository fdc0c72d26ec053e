package dev.mcpproxy.bundle;

import dev.mcpproxy.desktop.AppProcess;
import dev.mcpproxy.desktop.TestSidecars;
import dev.mcpproxy.desktop.VirtualDisplay;
import dev.mcpproxy.desktop.instance.LockRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The desktop app started by an image's launcher, as a user starts it: on the tests' Xvfb, with a home, config and
 * state folder of the test's own (nothing of the machine's user is read or written).
 */
final class ImageApp implements AutoCloseable {

    final Process process;
    final Path home;
    final Path config;
    private final Path state;
    private final Path log;

    private ImageApp(Process process, Path home, Path config, Path state, Path log) {
        this.process = process;
        this.home = home;
        this.config = config;
        this.state = state;
        this.log = log;
    }

    /** Starts the launcher; {@code yaml} is written as the app's configuration unless the folder has one. */
    static ImageApp start(Path launcher, Path dir, String yaml) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path config = Files.createDirectories(home.resolve(".config").resolve("mcp-proxy"));
        Path state = home.resolve(".local").resolve("state");
        if (!Files.exists(config.resolve("mcp-proxy-config.yaml"))) {
            TestSidecars.writeConfig(config, yaml);
        }
        Path log = Files.createTempFile(dir, "app", ".log");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        builder.environment().put("XDG_STATE_HOME", state.toString());
        // The JVM takes user.home from the password file, not HOME; JavaFX would extract its natives under it.
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home);
        builder.environment().put("DISPLAY", VirtualDisplay.ensure());
        return new ImageApp(builder.start(), home, config, state.resolve("mcp-proxy"), log);
    }

    /** Waits until the app's sidecar answers /health, and returns the lock's record of it. */
    LockRecord awaitSidecar(Duration within) throws Exception {
        return AppProcess.awaitSidecar(process, state, within, this::output);
    }

    /** Waits for the window's line saying it shows the servers list with this server running. */
    void awaitServersShown(Duration within, String server) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (output().lines().anyMatch(line -> line.contains("The window shows the servers list, every one running")
                    && line.contains(server))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The window did not show " + server + " running within " + within + ":\n" + output());
    }

    /** Quits the app as the system does (SIGTERM) and waits until it and every process under it ended. */
    List<ProcessHandle> quit(Duration within) throws Exception {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The app did not quit within " + within + ":\n" + output());
        }
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline) && !tree.stream().allMatch(AppProcess::ended)) {
            Thread.sleep(50);
        }
        return tree.stream().filter(handle -> !AppProcess.ended(handle)).toList();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            process.onExit().join();
        }
    }
}
