package dev.mcpproxy.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration file, validated and frozen.
 *
 * @param source      the file it was read from (for messages), or empty when built in code
 * @param host        the address both ports bind; loopback unless the user says otherwise
 * @param proxyPort   the MCP endpoint's port (seed: 3000); 0 picks a free one
 * @param apiPort     the management API's port (seed: proxy port + 1); 0 picks a free one
 * @param authToken   an optional bearer token required on the MCP endpoint
 * @param healthCheck how upstreams are pinged
 * @param servers     the upstream servers, in file order, names unique
 * @param maxMessageBytes the largest message an upstream may send or a client post (max_message_size); every
 *                    server's config carries a copy, taken when the file was read
 * @param profiles    named subsets of the servers' tools, each with its own endpoint, names unique
 */
public record ProxyConfig(
        Optional<Path> source,
        String host,
        int proxyPort,
        int apiPort,
        Optional<String> authToken,
        HealthCheckConfig healthCheck,
        List<ServerConfig> servers,
        int maxMessageBytes,
        List<ProfileConfig> profiles) {

    public ProxyConfig {
        servers = List.copyOf(servers);
        profiles = List.copyOf(profiles);
    }

    public Optional<ProfileConfig> profile(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<ServerConfig> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
