package dev.mcpproxy.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Edits the server list of a configuration file's text: add, remove, merge. The file is read as plain YAML, so
 * {@code ${env:NAME}} placeholders stay placeholders. Comments do not survive an edit; the file as it was is kept
 * as a backup by {@link ConfigFile}. Callers validate the result with {@link ConfigLoader} before writing it.
 */
public final class ConfigEditor {

    private ConfigEditor() {
    }

    /** The text with {@code entry} appended to {@code servers}. */
    public static String addServer(String yaml, Map<String, Object> entry) throws ConfigException {
        Map<String, Object> root = load(yaml);
        servers(root).add(entry);
        return dump(root);
    }

    /** The text without the server named {@code name}; the same text when there is none. */
    public static String removeServer(String yaml, String name) throws ConfigException {
        Map<String, Object> root = load(yaml);
        servers(root).removeIf(s -> s instanceof Map<?, ?> m && name.equals(m.get("name")));
        return dump(root);
    }

    /** The servers of {@code imported} (a whole configuration's text), appended to those of {@code yaml}. */
    public static String appendServers(String yaml, String imported) throws ConfigException {
        Map<String, Object> root = load(yaml);
        servers(root).addAll(servers(load(imported)));
        return dump(root);
    }

    /** The names of the servers in a configuration's text, in order. */
    public static List<String> serverNames(String yaml) throws ConfigException {
        return servers(load(yaml)).stream().filter(s -> s instanceof Map<?, ?>)
                .map(s -> String.valueOf(((Map<?, ?>) s).get("name"))).toList();
    }

    private static Map<String, Object> load(String yaml) throws ConfigException {
        Object root;
        try {
            root = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ConfigException(List.of(new ConfigProblem("configuration", 0, 0, "",
                    "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), "Fix the file first.")));
        }
        if (root == null) {
            return new LinkedHashMap<>();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException(List.of(new ConfigProblem("configuration", 0, 0, "",
                    "is not a mapping of settings", "Start the file with keys such as servers:.")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> servers(Map<String, Object> root) throws ConfigException {
        Object servers = root.get("servers");
        if (servers == null) {
            List<Object> created = new ArrayList<>();
            root.put("servers", created);
            return created;
        }
        if (!(servers instanceof List<?>)) {
            throw new ConfigException(List.of(new ConfigProblem("configuration", 0, 0, "servers",
                    "is not a list", "Make servers: a list of entries, each starting with - name:.")));
        }
        return (List<Object>) servers;
    }

    private static String dump(Map<String, Object> root) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setIndicatorIndent(2).setIndentWithIndicator(true).build()).dumpToString(root);
    }
}
