package dev.mcpproxy.server.cli;

import dev.mcpproxy.server.cli.CommandSyntax.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command line, parsed here and nowhere else: the subcommand is found, then its own {@link CommandSyntax} reads
 * the arguments and refuses any option it does not take; what it was given comes out as the record of that
 * subcommand. Written here rather than with picocli: picocli's classes are of Java 5's class file version, which
 * the launcher's ahead-of-time class cache cannot hold ("Old class has been linked"), so every start loads and
 * verifies some 180 of them anew. A prototype on picocli 4.7.7, with the launcher's flags and cache, took spawn →
 * /health from 166 to 289 ms (CPU of the whole process 0.28 → 0.50 s) and {@code --version} from 118 to 291 ms
 * (CPU 0.10 → 0.26 s), medians of 15 and 10 runs: too much for a start the desktop waits on, against the two files
 * of this parser ({@link CommandSyntax}).
 */
public sealed interface CommandLine {

    /** Exit code for a command line or configuration the user must fix. */
    int EXIT_USAGE = 2;
    /** The configuration file of the proxy and of the commands that read one, when {@code --config} names none. */
    String DEFAULT_CONFIG = "mcp-proxy-config.yaml";

    /**
     * The proxy itself: {@code [--config FILE] [--port N] [--api-port M] [--host ADDRESS] [--exit-on-stdin-eof]
     * [--parent-pid PID] [--open]}.
     */
    record Run(Optional<Path> config, OptionalInt port, OptionalInt apiPort, Optional<String> host,
               boolean exitOnStdinEof, OptionalLong parentPid, boolean open) implements CommandLine {
    }

    /** {@code import FILE [-o OUT.yaml] [--force]}. */
    record Import(Path file, Optional<Path> output, boolean force) implements CommandLine {
    }

    /** {@code connect URL [--header 'Name: value']...}. */
    record Connect(String url, List<String> headers) implements CommandLine {
    }

    /**
     * {@code servers}, {@code start NAME}, {@code stop NAME}, {@code restart NAME}, {@code logs NAME [-f]},
     * {@code login NAME}.
     *
     * @param server empty for {@code servers}
     */
    record Api(String verb, Optional<String> server, boolean follow, OptionalInt apiPort, Optional<Path> config)
            implements CommandLine {
    }

    /**
     * {@code secret set NAME}, {@code secret delete NAME}, {@code secret list}.
     *
     * @param name empty for {@code list}
     */
    record Secret(String verb, Optional<String> name) implements CommandLine {
    }

    /** {@code --help}: the text to print, the whole usage or one subcommand's. */
    record Help(String text) implements CommandLine {
    }

    record Version() implements CommandLine {
    }

    /** {@code --aot-training}: the launcher's run that fills its class cache. */
    record AotTraining() implements CommandLine {
    }

    Option CONFIG = new Option("--config", "-c", "FILE", "the configuration file (default " + DEFAULT_CONFIG + ")");
    Option PORT = new Option("--port", "-p", "N", "the MCP port, instead of proxy_port (0: any free port)");
    Option API_PORT = new Option("--api-port", "", "M", "the management API's port, instead of api_port");
    Option HOST = new Option("--host", "", "ADDRESS", "the address both ports bind, instead of host");
    Option EXIT_ON_STDIN_EOF = Option.flag("--exit-on-stdin-eof", "",
            "exits when stdin ends (the desktop app holds it open while it runs)");
    Option PARENT_PID = new Option("--parent-pid", "", "PID", "exits when its parent, process PID, dies (Linux; the "
            + "desktop app passes its own)");
    Option OPEN = Option.flag("--open", "", "opens the UI in the browser once the api port listens (with xdg-open, "
            + "open or rundll32)");
    Option AOT_TRAINING = Option.flag("--aot-training", "",
            "runs a start against itself, for ./mcp-proxy to fill its class cache");
    Option OUTPUT = new Option("--output", "-o", "OUT.yaml", "writes the YAML there instead of to stdout");
    Option FORCE = Option.flag("--force", "", "replaces an existing OUT.yaml");
    Option HEADER = new Option("--header", "-H", "'Name: value'", "sends this header with every request; repeatable");
    Option API_CONFIG = new Option("--config", "-c", "FILE", "reads the api port from this configuration file");
    Option FOLLOW = Option.flag("--follow", "-f", "goes on printing lines as they come");

    CommandSyntax PROXY = new CommandSyntax("", List.of(), "Without a command, runs the proxy. The options "
            + "override proxy_port, api_port and host of the file.", List.of(CONFIG, PORT, API_PORT, HOST, EXIT_ON_STDIN_EOF,
            PARENT_PID, OPEN, AOT_TRAINING, CommandSyntax.HELP, CommandSyntax.VERSION));
    CommandSyntax IMPORT = new CommandSyntax("import", List.of("FILE"), """
            Converts a Claude Desktop / Cursor (mcpServers) or VS Code (servers) JSON file into this proxy's YAML, \
            on stdout or into OUT.yaml (an existing OUT.yaml is kept unless --force).""",
            List.of(OUTPUT, FORCE, CommandSyntax.HELP, CommandSyntax.VERSION));
    CommandSyntax CONNECT = new CommandSyntax("connect", List.of("URL"), """
            Bridges a client that only starts stdio servers to a running proxy: JSON-RPC lines on stdin and \
            stdout, streamable HTTP to URL (e.g. http://127.0.0.1:3000/mcp). The endpoint's token, if it wants \
            one, comes from $MCP_PROXY_AUTH_TOKEN.""",
            List.of(HEADER, CommandSyntax.HELP, CommandSyntax.VERSION));
    List<CommandSyntax> API = Stream.of("servers", "start", "stop", "restart", "logs", "login").map(verb -> new CommandSyntax(
            verb, verb.equals("servers") ? List.of() : List.of("NAME"), switch (verb) {
                case "servers" -> "Lists the servers of a running sidecar: state, pid, tools, restarts, last error.";
                case "logs" -> "Prints the last 100 log lines of server NAME of a running sidecar.";
                case "login" -> "Signs in to remote server NAME of a running sidecar: prints the address to open "
                        + "in a browser, and waits until the sign-in is done and the server runs.";
                default -> "Tells a running sidecar to " + verb + " server NAME.";
            } + " The api port comes from --api-port, else the configuration file's, else 3001; the token from "
                    + "$MCP_PROXY_TOKEN, else the file the sidecar wrote.",
            verb.equals("logs") ? List.of(FOLLOW, API_PORT, API_CONFIG, CommandSyntax.HELP, CommandSyntax.VERSION)
                    : List.of(API_PORT, API_CONFIG, CommandSyntax.HELP, CommandSyntax.VERSION))).toList();
    String SECRET_STORE_NOTE = " The values live in the OS credential store (Secret Service, Keychain, Credential "
            + "Manager), else in an encrypted file in the state folder; a running sidecar reads a secret when a "
            + "server that uses it starts, so restart that server to use a new value now.";
    List<CommandSyntax> SECRET = List.of(
            new CommandSyntax("secret set", List.of("NAME"), "Sets secret NAME, which env and headers values use as "
                    + "${secret:NAME}, to the value read from stdin (one trailing newline dropped; typed without echo "
                    + "on a terminal). Never give it as an argument: others can read a command line."
                    + SECRET_STORE_NOTE, List.of(CommandSyntax.HELP, CommandSyntax.VERSION)),
            new CommandSyntax("secret delete", List.of("NAME"), "Deletes secret NAME." + SECRET_STORE_NOTE,
                    List.of(CommandSyntax.HELP, CommandSyntax.VERSION)),
            new CommandSyntax("secret list", List.of(), "Lists the names of the secrets (never their values) and "
                    + "where they are kept.", List.of(CommandSyntax.HELP, CommandSyntax.VERSION)));
    List<CommandSyntax> SUBCOMMANDS = Stream.of(Stream.of(IMPORT, CONNECT), API.stream(), SECRET.stream())
            .flatMap(s -> s).toList();

    /** {@code mcp-proxy-server --help}: every command's usage line, then the proxy's own options. */
    static String usage() {
        return "Usage:\n" + Stream.concat(Stream.of(PROXY), SUBCOMMANDS.stream())
                .map(syntax -> "  " + syntax.usage() + "\n").collect(Collectors.joining())
                + "  mcp-proxy-server --help | --version\n\n" + PROXY.wrappedDescription() + "\n\n" + PROXY.optionsHelp()
                + "\nmcp-proxy-server COMMAND --help tells what a command does and its options.\n";
    }

    static CommandLine parse(String[] args) throws UsageException {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int at = commandIndex(rest);
        CommandSyntax syntax = PROXY;
        if (at >= 0) {
            String typed = rest.remove(at);
            // "secret set", "secret delete", "secret list": one command of two words
            String command = typed.equals("secret") && at < rest.size() && !rest.get(at).startsWith("-")
                    ? typed + " " + rest.remove(at) : typed;
            syntax = SUBCOMMANDS.stream().filter(s -> s.command().equals(command)).findFirst()
                    .orElseThrow(() -> new UsageException("\"" + command + "\" is not a command; the commands are "
                            + SUBCOMMANDS.stream().map(CommandSyntax::command).collect(Collectors.joining(", "))
                            + ". See mcp-proxy-server --help."));
        }
        CommandSyntax.Given given = syntax.parse(rest);
        if (given.has(CommandSyntax.HELP.name())) {
            return new Help(syntax == PROXY ? usage() : syntax.help());
        }
        if (given.has(CommandSyntax.VERSION.name())) {
            return new Version();
        }
        return switch (syntax.command()) {
            case "" -> given.has(AOT_TRAINING.name()) ? new AotTraining()
                    : new Run(given.value(CONFIG.name()).map(Path::of), port(given, PORT), port(given, API_PORT),
                    given.value(HOST.name()), given.has(EXIT_ON_STDIN_EOF.name()), parentPid(given),
                    given.has(OPEN.name()));
            case "import" -> new Import(Path.of(given.operands().getFirst()), given.value(OUTPUT.name()).map(Path::of),
                    given.has(FORCE.name()));
            case "connect" -> new Connect(given.operands().getFirst(), given.values(HEADER.name()));
            case "secret set", "secret delete", "secret list" -> new Secret(syntax.command().substring(7),
                    given.operands().stream().findFirst());
            default -> new Api(syntax.command(), given.operands().stream().findFirst(), given.has(FOLLOW.name()),
                    port(given, API_PORT), given.value(API_CONFIG.name()).map(Path::of));
        };
    }

    /**
     * Where the subcommand is: the first argument that is no option and no option's value, or -1 for none. Options
     * may come before it, as they always could ({@code --api-port 3001 servers}); each subcommand's syntax then
     * says whether it takes them. An option takes a value in every subcommand or in none, so which ones do is
     * known before the subcommand is.
     */
    private static int commandIndex(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                return -1;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                return i;
            }
            boolean valueFollows = !arg.contains("=") && Stream.concat(Stream.of(PROXY), SUBCOMMANDS.stream())
                    .flatMap(s -> s.option(arg).stream()).anyMatch(Option::takesValue);
            if (valueFollows) {
                i++;
            }
        }
        return -1;
    }

    private static OptionalLong parentPid(CommandSyntax.Given given) throws UsageException {
        Optional<String> text = given.value(PARENT_PID.name());
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(text.get());
            if (pid > 1) {
                return OptionalLong.of(pid);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(PARENT_PID.name() + " takes the pid of the process that starts the sidecar, not \""
                + text.get() + "\"");
    }

    private static OptionalInt port(CommandSyntax.Given given, Option option) throws UsageException {
        Optional<String> text = given.value(option.name());
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int port = Integer.parseInt(text.get());
            if (port >= 0 && port <= 65535) {
                return OptionalInt.of(port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option.name() + " takes a port number from 0 to 65535, not \"" + text.get() + "\"");
    }
}
