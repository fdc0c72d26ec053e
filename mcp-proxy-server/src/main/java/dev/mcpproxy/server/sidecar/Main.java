package dev.mcpproxy.server.sidecar;

import dev.mcpproxy.server.cli.ApiCommand;
import dev.mcpproxy.server.cli.CommandLine;
import dev.mcpproxy.server.cli.ConnectBridge;
import dev.mcpproxy.server.cli.ImportCommand;
import dev.mcpproxy.server.cli.SecretCommand;
import dev.mcpproxy.server.cli.UsageException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/** {@code mcp-proxy-server}: the sidecar's entry point. */
public final class Main {

    /** Exit code for a sidecar that could not start or stopped serving: the desktop's monitor starts it again. */
    static final int EXIT_FAILED = 1;
    /** Exit code after an OutOfMemoryError no code caught: the JVM's own for -XX:+ExitOnOutOfMemoryError. */
    static final int EXIT_OUT_OF_MEMORY = 3;

    private static final System.Logger LOG = System.getLogger("mcp-proxy");
    /** Made before it is needed: when the heap is exhausted, writing it must allocate nothing. */
    private static final byte[] OUT_OF_MEMORY = ("mcp-proxy-server: out of memory; exiting with status "
            + EXIT_OUT_OF_MEMORY + " to be started afresh\n").getBytes(StandardCharsets.US_ASCII);

    private Main() {
    }

    public static void main(String[] args) {
        // Nothing the sidecar writes is formatted for the user's locale (its output is JSON, logs and a CLI table),
        // so it does without the JDK's CLDR locale data, whose loading the first formatted log line would pay at
        // start (a web server that listed every locale once took ~50 ms of a ~290 ms spawn-to-ready with it).
        if (System.getProperty("java.locale.providers") == null) {
            System.setProperty("java.locale.providers", "FALLBACK");
        }
        Thread.setDefaultUncaughtExceptionHandler(Main::threadDied);
        int code = run(args, System.out, System.err);
        if (code == Sidecar.KEEP_RUNNING) {
            // main stays alive on purpose: were the serving threads the JVM's last, their death would exit with 0.
            code = Sidecar.awaitFrontStopped();
        }
        System.exit(code);
    }

    /**
     * Every thread that dies of an exception is logged by name. One that died of an OutOfMemoryError leaves a
     * process whose state nobody can vouch for (what that thread served is half done, and the next allocation
     * anywhere may fail too): it ends at once, non-zero, so that the desktop starts a fresh one, and the orphan
     * guard ends the upstreams as it does after a SIGKILL. That path allocates nothing.
     */
    static void threadDied(Thread thread, Throwable e) {
        if (outOfMemory(e)) {
            System.err.write(OUT_OF_MEMORY, 0, OUT_OF_MEMORY.length);
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_OUT_OF_MEMORY);
        }
        LOG.log(Level.ERROR, "Thread " + thread.getName() + " died: " + e, e);
    }

    /**
     * An OutOfMemoryError, or an error it caused: short of memory, linking a call site or a class fails with a
     * BootstrapMethodError or NoClassDefFoundError whose cause is the OutOfMemoryError (seen with 1,000 servers).
     */
    private static boolean outOfMemory(Throwable e) {
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("mcp-proxy-server: " + e.getMessage());
            return CommandLine.EXIT_USAGE;
        }
        return switch (commandLine) {
            case CommandLine.Help help -> {
                out.print(help.text());
                yield 0;
            }
            case CommandLine.Version _ -> {
                out.println("mcp-proxy-server " + version());
                yield 0;
            }
            case CommandLine.AotTraining _ -> AotTraining.run(err);
            case CommandLine.Import command -> ImportCommand.run(command, out, err);
            case CommandLine.Connect command -> ConnectBridge.run(command, System.getenv(), System.in, out, err);
            case CommandLine.Api command -> ApiCommand.run(command, out, err);
            case CommandLine.Secret command -> {
                Logging.configure(); // the keyring's D-Bus library logs each connection at INFO otherwise
                yield SecretCommand.run(command, System.in, out, err);
            }
            case CommandLine.Run command -> Sidecar.run(command, out, err);
        };
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
