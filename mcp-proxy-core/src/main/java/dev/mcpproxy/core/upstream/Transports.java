package dev.mcpproxy.core.upstream;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.process.OrphanGuard;
import dev.mcpproxy.core.secrets.SecretReferences;
import dev.mcpproxy.core.secrets.SecretStore;
import dev.mcpproxy.core.upstream.auth.OAuthAuthorization;
import dev.mcpproxy.core.upstream.auth.UpstreamAuthorization;
import dev.mcpproxy.core.upstream.http.LegacySseUpstream;
import dev.mcpproxy.core.upstream.http.StreamableHttpUpstream;
import dev.mcpproxy.core.upstream.stdio.StdioTransport;

/** The transports the proxy can reach upstreams with, chosen by each server's {@code transport}. */
public final class Transports implements TransportFactory {

    private final OrphanGuard guard;
    private final SecretStore secrets;
    private final SecretReferences references;

    /** @param secrets what {@code ${secret:NAME}} reads, and where the tokens of servers signed in to are kept */
    public Transports(OrphanGuard guard, SecretStore secrets) {
        this.guard = guard;
        this.secrets = secrets;
        this.references = new SecretReferences(secrets);
    }

    /** @throws SecretReferences.MissingSecretException when a secret the server uses is not set */
    @Override
    public UpstreamTransport create(ServerConfig loaded, LogRing logs) {
        ServerConfig config = references.resolve(loaded);
        return switch (config.transport()) {
            case STDIO -> new StdioTransport(config, logs, guard);
            case STREAMABLE_HTTP -> new StreamableHttpUpstream(config, authorization(config));
            case SSE -> new LegacySseUpstream(config, authorization(config));
        };
    }

    /** A server given its Authorization header in the configuration keeps it; any other may ask for sign-in. */
    private UpstreamAuthorization authorization(ServerConfig config) {
        boolean configured = config.headers().keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Authorization"));
        return configured ? UpstreamAuthorization.NONE : new OAuthAuthorization(config.name(), secrets);
    }
}
