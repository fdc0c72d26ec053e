package dev.mcpproxy.server.mcp;

import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.router.McpEndpoint;
import java.util.Optional;

/** Finds the MCP endpoint a path names: {@code /mcp} and {@code /sse} for all servers, {@code /servers/{name}/...} for one. */
final class McpEndpoints {

    private static final String SERVERS = "/servers/";

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
        return Optional.empty();
    }
}
