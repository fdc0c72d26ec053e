package dev.mcpproxy.core.config;

import java.util.List;
import java.util.Optional;

/**
 * A named set of tools with its own endpoint ({@code /profiles/{name}/mcp}): the servers it takes, each narrowed by
 * tool globs after the server's own tool filter.
 *
 * @param token a bearer token its endpoints require, when set
 */
public record ProfileConfig(String name, List<ServerRule> servers, Optional<String> token) {

    /**
     * The servers one entry takes.
     *
     * @param server a server name or a {@link Glob} of names
     * @param tools  which of those servers' tools (their own, unprefixed names) the profile shows
     */
    public record ServerRule(String server, ToolFilter tools) {

        public boolean takes(String serverName) {
            return Glob.matches(server, serverName);
        }
    }

    public ProfileConfig {
        servers = List.copyOf(servers);
    }

    /** Whether the profile shows anything of this server: its prompts and resources, and some of its tools. */
    public boolean takes(String serverName) {
        return servers.stream().anyMatch(r -> r.takes(serverName));
    }

    /** Whether the profile shows this tool, named as its server names it. */
    public boolean showsTool(String serverName, String toolName) {
        return servers.stream().anyMatch(r -> r.takes(serverName) && r.tools().allows(toolName));
    }
}
