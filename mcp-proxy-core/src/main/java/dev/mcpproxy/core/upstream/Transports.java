package dev.mcpproxy.core.upstream;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.process.OrphanGuard;
import dev.mcpproxy.core.secrets.SecretReferences;
import dev.mcpproxy.core.upstream.http.LegacySseUpstream;
import dev.mcpproxy.core.upstream.http.StreamableHttpUpstream;
import dev.mcpproxy.core.upstream.stdio.StdioTransport;

/** The transports the proxy can reach upstreams with, chosen by each server's {@code transport}. */
public final class Transports implements TransportFactory {

    private final OrphanGuard guard;
    private final SecretReferences secrets;

    public Transports(OrphanGuard guard, SecretReferences secrets) {
        this.guard = guard;
        this.secrets = secrets;
    }

    /** @throws SecretReferences.MissingSecretException when a secret the server uses is not set */
    @Override
    public UpstreamTransport create(ServerConfig loaded, LogRing logs) {
        ServerConfig config = secrets.resolve(loaded);
        return switch (config.transport()) {
            case STDIO -> new StdioTransport(config, logs, guard);
            case STREAMABLE_HTTP -> new StreamableHttpUpstream(config);
            case SSE -> new LegacySseUpstream(config);
        };
    }
}
