package dev.mcpproxy.server.sidecar;

import dev.mcpproxy.core.LiveConfig;
import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.config.ConfigException;
import dev.mcpproxy.core.config.ConfigFile;
import dev.mcpproxy.core.config.ConfigLoader;
import dev.mcpproxy.core.config.ProxyConfig;
import dev.mcpproxy.core.process.OrphanGuard;
import dev.mcpproxy.core.secrets.SecretReferences;
import dev.mcpproxy.core.secrets.SecretStore;
import dev.mcpproxy.core.secrets.SecretStores;
import dev.mcpproxy.core.upstream.Transports;
import dev.mcpproxy.server.api.ApiToken;
import dev.mcpproxy.server.cli.CommandLine;
import dev.mcpproxy.shared.OperatingSystem;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/** Runs the proxy: loads the configuration, starts every server, binds both ports, and stops it all on exit. */
final class Sidecar {

    /** Returned by {@link #run} when the proxy is up and the JVM must stay alive. */
    static final int KEEP_RUNNING = -1;

    private static final System.Logger LOG = System.getLogger("mcp-proxy");
    /** Completes with the setting of the first port that stopped serving, once the sidecar is up. */
    private static final CompletableFuture<String> frontStopped = new CompletableFuture<>();
    private static volatile boolean shuttingDown;

    private Sidecar() {
    }

    static int run(CommandLine.Run commandLine, PrintStream out, PrintStream err) {
        Logging.configure();
        ProxyConfig config;
        Path file = commandLine.config().orElse(Path.of(CommandLine.DEFAULT_CONFIG));
        SecretStore secrets = SecretStores.open(System.getenv(), warning -> LOG.log(Level.WARNING, warning));
        SecretReferences references = new SecretReferences(secrets);
        LiveConfig.Preparation preparation = loaded -> references.resolveTokens(Overrides.apply(loaded, commandLine));
        try {
            config = preparation.prepare(load(file, commandLine.config().isPresent()));
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return CommandLine.EXIT_USAGE;
        }
        OrphanGuard guard = new OrphanGuard();
        ProxyRuntime runtime = new ProxyRuntime(config, new Transports(guard, secrets),
                (server, state, detail) -> LOG.log(Level.INFO, "{0} is {1}{2}", server, state.wireName(),
                        detail == null ? "" : ": " + detail), Main.version());
        Logging.copyTo(runtime.proxyLog());
        // The servers start first, in the background: a server's own start (a Node server's ~200 ms) then runs
        // beside the rest of the sidecar's, and its tools are usable as soon as it allows. A port that turns out
        // to be taken stops them again below.
        runtime.start();
        ConfigFile configFile = new ConfigFile(file);
        LiveConfig liveConfig = new LiveConfig(configFile, runtime, preparation);
        Map<String, String> environment = System.getenv();
        ApiToken token = ApiToken.fromEnvironmentOrNew(environment);
        HttpFront front = new HttpFront(config, runtime, liveConfig, token.value(), secrets);
        try {
            front.start(file.toString());
            token = token.saved(environment, front.apiPort());
            liveConfig.watch();
        } catch (IOException e) {
            err.println("mcp-proxy-server: " + e.getMessage());
            front.close();
            runtime.close();
            guard.close();
            return Main.EXIT_FAILED;
        }
        watchFront(front.stopped());
        ApiToken saved = token;
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            shuttingDown = true;
            front.close();
            runtime.close();
            guard.close();
            saved.file().ifPresent(ApiToken::deleteQuietly);
        }));
        String base = "http://" + urlHost(config.host()) + ":";
        // A token the sidecar made is the user's to see (its file is theirs too); the desktop's stays with it.
        String ui = base + front.apiPort() + "/" + (saved.file().isPresent() ? "?token=" + saved.value() : "");
        out.println("MCP Proxy " + Main.version() + " is listening");
        out.println("  MCP endpoint:  " + base + front.proxyPort() + "/mcp");
        out.println("  UI:            " + ui);
        out.println("  legacy SSE:    " + base + front.proxyPort() + "/sse");
        out.println("  health:        " + base + front.apiPort() + "/health");
        out.println("  management:    " + base + front.apiPort() + "/api (token: "
                + saved.file().map(Path::toString).orElse("$" + ApiToken.ENVIRONMENT_VARIABLE) + ")");
        out.flush();
        if (commandLine.open()) {
            BrowserOpener.open(ui, OperatingSystem.current());
        }
        HeapTrimmer.start(runtime.calls());
        if (commandLine.exitOnStdinEof()) {
            StdinWatchdog.start();
        }
        OptionalLong parent = commandLine.parentPid();
        if (parent.isPresent()
                && ParentDeathSignal.request(parent.getAsLong()) == ParentDeathSignal.Outcome.PARENT_GONE) {
            // The exit's shutdown hook stops the servers.
            err.println("mcp-proxy-server: the process that started it (pid " + parent.getAsLong() + ") has exited; "
                    + "stopping");
            return Main.EXIT_FAILED;
        }
        return KEEP_RUNNING;
    }

    /** @param stopped completes with the setting of the port that stopped serving */
    static void watchFront(CompletableFuture<String> stopped) {
        stopped.thenAccept(frontStopped::complete);
    }

    /**
     * Blocks while the front serves. A port that stops serving outside a shutdown leaves a sidecar nobody can reach:
     * it says so and returns a failure status for the process to exit with, which the desktop's monitor restarts.
     */
    static int awaitFrontStopped() {
        String port = frontStopped.join();
        if (!shuttingDown) {
            LOG.log(Level.ERROR, "The HTTP server of {0} stopped unexpectedly; exiting so that the sidecar can be "
                    + "started again", port);
        }
        return Main.EXIT_FAILED;
    }

    private static ProxyConfig load(Path file, boolean named) throws ConfigException {
        if (!named && !Files.exists(file)) {
            return ConfigLoader.parse("", file).config();
        }
        var loaded = ConfigLoader.load(file);
        loaded.warnings().forEach(w -> LOG.log(Level.WARNING, w));
        return loaded.config();
    }

    private static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
