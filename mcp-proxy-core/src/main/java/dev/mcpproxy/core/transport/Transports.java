package dev.mcpproxy.core.transport;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.process.OrphanGuard;
import dev.mcpproxy.core.supervisor.TransportFactory;
import dev.mcpproxy.core.transport.stdio.StdioTransport;
import dev.mcpproxy.core.upstream.UpstreamTransport;
import java.io.IOException;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

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
            case STREAMABLE_HTTP, SSE -> new NotYetSupported(config);
        };
    }

    /** HTTP upstreams are configured and validated, but this build cannot reach them yet; say so plainly. */
    private record NotYetSupported(ServerConfig config) implements UpstreamTransport {
        @Override
        public void start(Listener listener) throws IOException {
            throw new IOException(config.name() + ": " + config.transport().yamlName()
                    + " upstreams are not supported by this version of MCP Proxy yet; use a stdio server");
        }

        @Override
        public void send(JsonNode message) throws IOException {
            throw new IOException("not connected");
        }

        @Override
        public void close() {
        }

        @Override
        public OptionalLong pid() {
            return OptionalLong.empty();
        }
    }
}
