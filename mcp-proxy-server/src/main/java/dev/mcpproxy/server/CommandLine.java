package dev.mcpproxy.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The sidecar's arguments: {@code [--config FILE] [--port N] [--api-port M] [--host H] [--exit-on-stdin-eof]},
 * or a subcommand ({@code import FILE}, {@code connect URL}).
 */
record CommandLine(
        String command,
        Optional<Path> config,
        OptionalInt port,
        OptionalInt apiPort,
        Optional<String> host,
        boolean exitOnStdinEof,
        Optional<Path> output,
        boolean force,
        boolean follow,
        List<String> headers,
        List<String> operands) {

    static final String USAGE = """
            Usage:
              mcp-proxy-server [--config FILE] [--port N] [--api-port M] [--host ADDRESS] [--exit-on-stdin-eof]
                  Runs the proxy. The flags override proxy_port, api_port and host of the file.
              mcp-proxy-server import FILE [-o OUT.yaml] [--force]
                  Converts a Claude Desktop / Cursor (mcpServers) or VS Code (servers) JSON file into this
                  proxy's YAML, on stdout or into OUT.yaml (an existing OUT.yaml is kept unless --force).
              mcp-proxy-server connect URL [--header 'Name: value']...
                  Bridges a client that only starts stdio servers to a running proxy: JSON-RPC lines on
                  stdin and stdout, streamable HTTP to URL (e.g. http://127.0.0.1:3000/mcp).
              mcp-proxy-server servers | start NAME | stop NAME | restart NAME | logs NAME [-f]
                  [--api-port M | --config FILE]
                  The management API of a running sidecar from a terminal (token: $MCP_PROXY_TOKEN or
                  the file the sidecar wrote).
              mcp-proxy-server --help | --version
            """;
    static final List<String> SUBCOMMANDS = List.of("import", "connect", "servers", "start", "stop", "restart",
            "logs");

    /** Thrown for arguments that make no sense; the message says which. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static CommandLine parse(String[] args) throws UsageException {
        String command = "run";
        Path config = null;
        Integer port = null;
        Integer apiPort = null;
        String host = null;
        boolean exitOnEof = false;
        Path output = null;
        boolean force = false;
        boolean follow = false;
        List<String> headers = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--config", "-c" -> config = Path.of(value(args, ++i, arg));
                case "--port", "-p" -> port = portValue(value(args, ++i, arg), arg);
                case "--api-port" -> apiPort = portValue(value(args, ++i, arg), arg);
                case "--host" -> host = value(args, ++i, arg);
                case "--exit-on-stdin-eof" -> exitOnEof = true;
                case "--output", "-o" -> output = Path.of(value(args, ++i, arg));
                case "--force" -> force = true;
                case "--follow", "-f" -> follow = true;
                case "--header", "-H" -> headers.add(value(args, ++i, arg));
                case "--help", "-h" -> command = "help";
                case "--version" -> command = "version";
                case "--aot-training" -> command = "aot-training";
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("Unknown option " + arg);
                    }
                    operands.add(arg);
                }
            }
        }
        if (command.equals("run") && !operands.isEmpty()) {
            if (!SUBCOMMANDS.contains(operands.getFirst())) {
                throw new UsageException("Unexpected argument " + operands.getFirst());
            }
            command = operands.removeFirst();
            int wanted = command.equals("servers") ? 0 : 1;
            if (operands.size() != wanted) {
                throw new UsageException(command + " takes " + switch (command) {
                    case "import" -> "one FILE";
                    case "connect" -> "one URL";
                    case "servers" -> "no arguments";
                    default -> "one server NAME";
                });
            }
        }
        return new CommandLine(command, Optional.ofNullable(config),
                port == null ? OptionalInt.empty() : OptionalInt.of(port),
                apiPort == null ? OptionalInt.empty() : OptionalInt.of(apiPort),
                Optional.ofNullable(host), exitOnEof, Optional.ofNullable(output), force, follow, List.copyOf(headers),
                List.copyOf(operands));
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int portValue(String text, String option) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " takes a port number from 0 to 65535, not \"" + text + "\"");
    }
}
