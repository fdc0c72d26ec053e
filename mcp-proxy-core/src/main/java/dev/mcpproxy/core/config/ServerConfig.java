package dev.mcpproxy.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One upstream MCP server, validated and frozen. A stdio server has a command; an HTTP server a URL.
 *
 * @param name           unique; used in logs, URLs ({@code /servers/{name}/mcp}) and as the default prefix
 * @param prefix         put before every tool, prompt and resource-template name as {@code prefix__name};
 *                       empty for none
 * @param requestTimeout how long a forwarded request may wait for its answer
 * @param maxMessageBytes the largest message it may send (the file's max_message_size, copied here so that a
 *                       running server keeps the limit it started with)
 * @param oauth          how to sign in to a remote server that asks for it
 */
public record ServerConfig(
        String name,
        Transport transport,
        List<String> command,
        Map<String, String> env,
        Optional<Path> cwd,
        Optional<URI> url,
        Map<String, String> headers,
        boolean enabled,
        RestartConfig restart,
        ToolFilter tools,
        String prefix,
        Duration requestTimeout,
        int maxMessageBytes,
        OAuthConfig oauth) {

    public ServerConfig {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        headers = Map.copyOf(headers);
    }
}
