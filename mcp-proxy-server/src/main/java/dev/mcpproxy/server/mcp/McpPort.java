package dev.mcpproxy.server.mcp;

import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.config.ProxyConfig;
import dev.mcpproxy.server.http1.Http1Server;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The MCP port (proxy_port): the guard at each head, then the MCP transports by path ({@code /mcp} streamable
 * HTTP, {@code /sse} HTTP+SSE, {@code /servers/{name}/...} one server alone), with the port's limits.
 */
public final class McpPort {

    /**
     * What all MCP requests still arriving may hold together: a body at the default max_message_size and a second
     * half as large, in the launcher's 128 MB heap, leave room for the rest of the sidecar; once a body has come,
     * the memory its parsing needs is weighed again (LargeRequests).
     */
    private static final long MAX_BUFFERED_BYTES = 48L * 1024 * 1024;
    /** A client that reads slowly may leave this much unread; at least one answer at max_message_size must fit. */
    private static final long MAX_QUEUED_BYTES = 32L * 1024 * 1024;

    private McpPort() {
    }

    /** The port's server, not yet bound; {@code timer} sends the standing streams' heartbeats. */
    public static Http1Server server(ProxyConfig config, ProxyRuntime runtime, ScheduledExecutorService timer) {
        Heartbeats heartbeats = new Heartbeats(timer);
        ProxyPortHandler handler = new ProxyPortHandler(new RequestGuard(config.host(), config.authToken()),
                new McpEndpoints(runtime), new StreamableHttpHandler(runtime.hub(), heartbeats),
                new LegacySseHandler(runtime.hub(), heartbeats));
        // MCP request bodies are bounded by max_message_size, as the upstreams' messages are.
        Http1Server.Limits defaults = Http1Server.Limits.defaults(config.maxMessageBytes(), MAX_BUFFERED_BYTES);
        return new Http1Server(config.host(), config.proxyPort(), handler,
                new Http1Server.Limits(defaults.maxBodyBytes(), defaults.maxBufferedBytes(), defaults.headTimeout(),
                        defaults.requestTimeout(), defaults.idleTimeout(), defaults.writeTimeout(),
                        Math.max(MAX_QUEUED_BYTES, config.maxMessageBytes() + (1L << 20)), defaults.maxConnections()));
    }
}
