package dev.mcpproxy.core.supervisor;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.upstream.UpstreamTransport;

/** Makes the pipe to an upstream, fresh for every start. */
@FunctionalInterface
public interface TransportFactory {

    UpstreamTransport create(ServerConfig config, LogRing logs);
}
