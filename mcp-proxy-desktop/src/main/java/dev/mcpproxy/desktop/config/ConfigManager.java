package dev.mcpproxy.desktop.config;

import dev.mcpproxy.core.config.ConfigException;
import dev.mcpproxy.core.config.ConfigFile;
import dev.mcpproxy.core.config.ConfigLoader;
import dev.mcpproxy.core.config.ConfigProblem;
import dev.mcpproxy.core.config.LoadedConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The app's configuration file (the seed's §4): {@code mcp-proxy-config.yaml} in the user's config folder, created
 * on first run with the seed's defaults, checked as the sidecar checks it, and saved atomically with the previous
 * file kept as {@code .bak}. A file that cannot be used is moved aside, never overwritten, and the app starts on the
 * defaults and says where the file went. A file the user names ({@code ./mcp-proxy desktop --config FILE}) is theirs:
 * never created, never moved aside; when it cannot be used the app says why and does not start.
 */
public final class ConfigManager {

    public static final String FILE_NAME = "mcp-proxy-config.yaml";

    /** The seed's defaults, with the words a user opening the file needs. */
    static final String DEFAULTS = """
            # MCP Proxy's configuration, written by the desktop app on its first run. Add servers here or in the
            # app's Configuration view; the README of MCP Proxy describes every field.
            proxy_port: 3000
            api_port: 3001
            servers: []
            health_check:
              enabled: true
              interval: 30
              timeout: 5
            """;

    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * The configuration the app starts with.
     *
     * @param keptAside where an unusable file was moved, when it was
     * @param problems  what was wrong with it, one line each
     */
    public record Loaded(LoadedConfig config, Optional<Path> keptAside, List<String> problems) {
    }

    private final ConfigFile file;
    private final boolean named;

    /** {@code mcp-proxy-config.yaml} in the app's config folder. */
    public ConfigManager(Path folder) {
        this(folder.resolve(FILE_NAME), false);
    }

    private ConfigManager(Path file, boolean named) {
        this.file = new ConfigFile(file);
        this.named = named;
    }

    /** A file the user named, used as it is. */
    public static ConfigManager named(Path file) {
        return new ConfigManager(file.toAbsolutePath().normalize(), true);
    }

    public Path path() {
        return file.path();
    }

    /** Loads the file, creating it with the defaults first when there is none. */
    public Loaded loadOrCreate() throws IOException {
        if (named) {
            return loadNamed();
        }
        if (!Files.exists(path())) {
            LOG.log(Level.INFO, "Creating {0} with the defaults", path());
            file.write(DEFAULTS);
        }
        String text = file.read();
        try {
            return new Loaded(ConfigLoader.parse(text, path()), Optional.empty(), List.of());
        } catch (ConfigException e) {
            Path aside = path().resolveSibling(FILE_NAME + ".invalid-" + LocalDateTime.now().format(STAMP));
            Files.move(path(), aside);
            List<String> problems = e.problems().stream().map(ConfigProblem::render).toList();
            LOG.log(Level.WARNING, "{0} is not a valid configuration; it was moved to {1} and the defaults are "
                    + "used:\n{2}", path(), aside, String.join("\n", problems));
            file.write(DEFAULTS);
            return new Loaded(parseDefaults(), Optional.of(aside), problems);
        }
    }

    /** Checks a text as the sidecar would, without saving it. */
    public LoadedConfig validate(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, path());
    }

    /** Saves a valid text atomically, the previous file kept as {@code .bak}; an invalid one changes nothing. */
    public LoadedConfig save(String yaml) throws ConfigException, IOException {
        LoadedConfig loaded = validate(yaml);
        file.write(yaml);
        return loaded;
    }

    private Loaded loadNamed() throws IOException {
        if (!Files.isRegularFile(path())) {
            throw new IOException("The configuration file " + path() + " does not exist");
        }
        try {
            return new Loaded(ConfigLoader.parse(file.read(), path()), Optional.empty(), List.of());
        } catch (ConfigException e) {
            throw new IOException(path() + " is not a valid configuration:\n" + String.join("\n",
                    e.problems().stream().map(ConfigProblem::render).toList()), e);
        }
    }

    private LoadedConfig parseDefaults() {
        try {
            return ConfigLoader.parse(DEFAULTS, path());
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in defaults are invalid", e);
        }
    }
}
