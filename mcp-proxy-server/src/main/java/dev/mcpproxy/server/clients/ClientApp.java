package dev.mcpproxy.server.clients;

import dev.mcpproxy.core.json.JsonTextDocument.Dialect;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One AI client: where its configuration file is on this machine, how that file is read, the entry that connects it
 * to this proxy, and the snippet a user can paste instead.
 *
 * @param file      empty for a client whose file this proxy does not know (the generic one)
 * @param entryPath the keys from the file's top object to this proxy's entry: {@code mcpServers, mcp-proxy}
 */
public record ClientApp(String id, String name, Optional<Path> file, Dialect dialect, List<String> entryPath,
                        JsonNode entry, String snippet) {

    /** The name of this proxy's entry among the client's servers. */
    public static final String ENTRY_NAME = "mcp-proxy";

    public ClientApp {
        entryPath = List.copyOf(entryPath);
    }

    /** Whether some server of the client's file is this proxy: its URL, or a bridge to it. */
    public boolean connectedIn(JsonNode document, String mcpUrl) {
        JsonNode servers = document;
        for (String key : entryPath.subList(0, entryPath.size() - 1)) {
            servers = servers.path(key);
        }
        return servers.isObject() && servers.valueStream().anyMatch(server -> server.path("url").asString("")
                .equals(mcpUrl) || server.path("args").valueStream().anyMatch(arg -> arg.asString("").equals(mcpUrl)));
    }
}
