package dev.mcpproxy.server.mcp;

import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.router.McpEndpoint;
import java.util.Optional;

/**
 * Finds the MCP endpoint a path names: {@code /mcp} and {@code /sse} for all servers, {@code /servers/{name}/...} for
 * one, {@code /profiles/{name}/...} for a profile's part of all.
 */
final class McpEndpoints {

    private static final String SERVERS = "/servers/";
    private static final String PROFILES = "/profiles/";

    private final ProxyRuntime runtime;

    McpEndpoints(ProxyRuntime runtime) {
        this.runtime = runtime;
    }

    /** The endpoint for {@code path}, when it ends in {@code leaf} ("/mcp", "/sse", "/messages"). */
    Optional<McpEndpoint> resolve(String path, String leaf) {
        if (path.equals(leaf)) {
            return Optional.of(runtime.aggregate());
        }
        if (path.startsWith(SERVERS) && path.endsWith(leaf)) {
            String name = path.substring(SERVERS.length(), path.length() - leaf.length());
            return runtime.serverEndpoint(name).map(e -> e);
        }
        if (path.startsWith(PROFILES) && path.endsWith(leaf)) {
            String name = path.substring(PROFILES.length(), path.length() - leaf.length());
            return runtime.profileEndpoint(name).map(e -> e);
        }
        return Optional.empty();
    }

    /** The token a profile's path requires, read at each request so an edited token applies at once. */
    Optional<String> profileToken(String path) {
        if (!path.startsWith(PROFILES)) {
            return Optional.empty();
        }
        int end = path.indexOf('/', PROFILES.length());
        String name = path.substring(PROFILES.length(), end < 0 ? path.length() : end);
        return runtime.profileEndpoint(name).flatMap(p -> p.profile().token());
    }
}
