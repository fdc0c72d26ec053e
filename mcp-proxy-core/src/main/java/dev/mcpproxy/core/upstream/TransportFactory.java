package dev.mcpproxy.core.upstream;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.process.LogRing;

/** Makes the pipe to an upstream, fresh for every start. */
@FunctionalInterface
public interface TransportFactory {

    UpstreamTransport create(ServerConfig config, LogRing logs);
}
