package dev.mcpproxy.server;

import java.io.PrintStream;

/** {@code mcp-proxy-server}: the sidecar's entry point. */
public final class Main {

    /** Exit code for a command line or configuration the user must fix. */
    static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        // Nothing the sidecar writes is formatted for the user's locale (its output is JSON, logs and a CLI table),
        // so it does without the JDK's CLDR locale data, whose loading the first formatted log line would pay at
        // start (a web server that listed every locale once took ~50 ms of a ~290 ms spawn-to-ready with it).
        if (System.getProperty("java.locale.providers") == null) {
            System.setProperty("java.locale.providers", "FALLBACK");
        }
        int code = run(args, System.out, System.err);
        if (code != Sidecar.KEEP_RUNNING) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("mcp-proxy-server: " + e.getMessage());
            err.print(CommandLine.USAGE);
            return EXIT_USAGE;
        }
        return switch (commandLine.command()) {
            case "help" -> {
                out.print(CommandLine.USAGE);
                yield 0;
            }
            case "version" -> {
                out.println("mcp-proxy-server " + version());
                yield 0;
            }
            case "aot-training" -> AotTraining.run(err);
            case "import" -> ImportCommand.run(commandLine, out, err);
            case "connect" -> ConnectBridge.run(commandLine, System.in, out, err);
            case "servers", "start", "stop", "restart", "logs" -> ApiCommand.run(commandLine, out, err);
            default -> Sidecar.run(commandLine, out, err);
        };
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
