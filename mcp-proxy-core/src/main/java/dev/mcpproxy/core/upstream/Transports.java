package dev.mcpproxy.core.upstream;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.process.OrphanGuard;
import dev.mcpproxy.core.upstream.auth.UpstreamAuthorization;
import dev.mcpproxy.core.upstream.http.LegacySseUpstream;
import dev.mcpproxy.core.upstream.http.StreamableHttpUpstream;
import dev.mcpproxy.core.upstream.stdio.StdioTransport;

/** The transports the proxy can reach upstreams with, chosen by each server's {@code transport}. */
public final class Transports implements TransportFactory {

    private final OrphanGuard guard;

    public Transports(OrphanGuard guard) {
        this.guard = guard;
    }

    @Override
    public UpstreamTransport create(ServerConfig config, LogRing logs) {
        return switch (config.transport()) {
            case STDIO -> new StdioTransport(config, logs, guard);
            case STREAMABLE_HTTP -> new StreamableHttpUpstream(config, UpstreamAuthorization.NONE);
            case SSE -> new LegacySseUpstream(config, UpstreamAuthorization.NONE);
        };
    }
}
