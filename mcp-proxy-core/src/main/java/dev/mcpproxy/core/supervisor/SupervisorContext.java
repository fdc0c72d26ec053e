package dev.mcpproxy.core.supervisor;

import dev.mcpproxy.core.config.HealthCheckConfig;
import dev.mcpproxy.core.upstream.InboundHandler;
import dev.mcpproxy.core.upstream.ServerLifecycle;
import dev.mcpproxy.core.upstream.TransportFactory;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every supervisor shares.
 *
 * @param inbound   where what upstreams send on their own goes (the router)
 * @param lifecycle who is told when a server is up or down (the router)
 * @param version   the proxy's own version, told to upstreams in the handshake
 */
public record SupervisorContext(
        TransportFactory transports,
        InboundHandler inbound,
        ServerLifecycle lifecycle,
        StateListener stateListener,
        HealthCheckConfig healthCheck,
        ScheduledExecutorService timer,
        String version) {
}
