package dev.mcpproxy.core;

import dev.mcpproxy.core.config.ConfigEditor;
import dev.mcpproxy.core.config.ConfigException;
import dev.mcpproxy.core.config.ConfigFile;
import dev.mcpproxy.core.config.ConfigLoader;
import dev.mcpproxy.core.config.ConfigProblem;
import dev.mcpproxy.core.config.LoadedConfig;
import dev.mcpproxy.core.config.ProxyConfig;
import dev.mcpproxy.core.events.EventType;
import dev.mcpproxy.core.json.Json;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The configuration as the API and the file on disk change it. Every change is validated whole before anything
 * happens: an invalid one changes neither the file nor the running servers. A valid one is written atomically
 * (the previous file kept as a backup) and then applied, restarting only the servers whose entry changed.
 */
public final class LiveConfig {

    private static final System.Logger LOG = System.getLogger("mcp-proxy.config");

    private final ConfigFile file;
    private final ProxyRuntime runtime;
    private final Preparation preparation;

    /** What makes a file's configuration the one to run, or refuses it. */
    @FunctionalInterface
    public interface Preparation {
        ProxyConfig prepare(ProxyConfig loaded) throws ConfigException;
    }

    /**
     * @param preparation applied to every new version before anything changes: what the command line sets over the
     *                    file (ports, host), and the tokens read from the secrets
     */
    public LiveConfig(ConfigFile file, ProxyRuntime runtime, Preparation preparation) {
        this.file = file;
        this.runtime = runtime;
        this.preparation = preparation;
    }

    public ConfigFile file() {
        return file;
    }

    public String text() throws IOException {
        return file.read();
    }

    /** Parses and checks {@code yaml} as the configuration file would be, secrets included; nothing changes. */
    public LoadedConfig validate(String yaml) throws ConfigException {
        LoadedConfig loaded = ConfigLoader.parse(yaml, file.path());
        preparation.prepare(loaded.config());
        return loaded;
    }

    /** Replaces the whole file. */
    public synchronized ConfigChange replace(String yaml) throws ConfigException, IOException {
        ProxyConfig next = prepared(yaml);
        file.write(yaml);
        return runtime.apply(next);
    }

    private ProxyConfig prepared(String yaml) throws ConfigException {
        return preparation.prepare(ConfigLoader.parse(yaml, file.path()).config());
    }

    /** Adds one server, given as its YAML entry's fields. */
    public synchronized ConfigChange addServer(Map<String, Object> entry) throws ConfigException, IOException {
        return replace(ConfigEditor.addServer(file.read(), entry));
    }

    public synchronized ConfigChange removeServer(String name) throws ConfigException, IOException {
        return replace(ConfigEditor.removeServer(file.read(), name));
    }

    /** Adds the servers of an imported configuration's text. */
    public synchronized ConfigChange appendServers(String importedYaml) throws ConfigException, IOException {
        return replace(ConfigEditor.appendServers(file.read(), importedYaml));
    }

    /** The file's text with the imported servers added, validated, without writing it. */
    public synchronized String previewAppend(String importedYaml) throws ConfigException, IOException {
        String merged = ConfigEditor.appendServers(file.read(), importedYaml);
        validate(merged);
        return merged;
    }

    /** Watches the file: a valid edit is applied like {@link #replace}; an invalid one is reported and ignored. */
    public void watch() throws IOException {
        file.watch(this::editedOnDisk);
    }

    private synchronized void editedOnDisk(String text) {
        try {
            ConfigChange change = runtime.apply(prepared(text));
            LOG.log(Level.INFO, "{0} changed on disk: applied ({1} added, {2} removed, {3} changed)", file.path(),
                    change.added().size(), change.removed().size(), change.changed().size());
        } catch (ConfigException e) {
            ObjectNode data = Json.object().put("file", file.path().toString());
            var problems = data.putArray("problems");
            e.problems().stream().map(ConfigProblem::render).forEach(problems::add);
            runtime.events().publish(EventType.CONFIG_INVALID, data);
            LOG.log(Level.WARNING, "{0} changed on disk but is not valid; the running configuration stays:\n{1}",
                    file.path(), e.getMessage());
        }
    }
}
