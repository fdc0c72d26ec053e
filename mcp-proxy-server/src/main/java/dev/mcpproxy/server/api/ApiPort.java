package dev.mcpproxy.server.api;

import dev.mcpproxy.core.secrets.SecretStore;
import dev.mcpproxy.core.LiveConfig;
import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.config.ProxyConfig;
import dev.mcpproxy.core.secrets.SecretStore;
import dev.mcpproxy.server.clients.ProxyAddress;
import dev.mcpproxy.server.http1.Http1Server;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The api port (api_port): {@code /health} for anyone local; for the holder of the launch token the REST routes,
 * the event streams (SSE and WebSocket) and {@code /metrics}; with the port's limits.
 */
public final class ApiPort {

    /**
     * What all management requests still arriving may hold together: its bodies are at most 1 MiB, and its clients
     * are the UI and scripts.
     */
    private static final long MAX_BUFFERED_BYTES = 8L * 1024 * 1024;
    /** What an event-stream consumer may leave unread before it is cut off. */
    private static final long MAX_QUEUED_BYTES = 4L * 1024 * 1024;

    private ApiPort() {
    }

    /**
     * The port's server, not yet bound.
     *
     * @param apiToken     the launch token its protected routes require
     * @param boundPort    the port once bound (the configuration's may be 0): the UI's own origin and cookie name it
     * @param proxyAddress where clients reach the MCP port, once it is bound
     * @param secrets      the store {@code /api/secrets} sets and deletes in, and where a sign-in's tokens go
     */
    public static Http1Server server(ProxyConfig config, ProxyRuntime runtime, LiveConfig liveConfig, String apiToken,
                                     IntSupplier boundPort, Supplier<ProxyAddress> proxyAddress, SecretStore secrets) {
        ApiPortHandler handler = new ApiPortHandler(new ApiAccess(config.host(), apiToken, boundPort),
                new ManagementApi(runtime, liveConfig, proxyAddress, secrets, boundPort), new EventStreams(runtime.events()));
        Http1Server.Limits defaults = Http1Server.Limits.defaults(ApiExchange.MAX_BODY_BYTES, MAX_BUFFERED_BYTES);
        return new Http1Server(config.host(), config.apiPort(), handler,
                new Http1Server.Limits(defaults.maxBodyBytes(), defaults.maxBufferedBytes(), defaults.headTimeout(),
                        defaults.requestTimeout(), defaults.idleTimeout(), EventStreams.WRITE_TIMEOUT,
                        MAX_QUEUED_BYTES, defaults.maxConnections()));
    }
}
