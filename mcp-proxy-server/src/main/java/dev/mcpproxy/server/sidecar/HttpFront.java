package dev.mcpproxy.server.sidecar;

import dev.mcpproxy.core.secrets.SecretStore;
import dev.mcpproxy.core.LiveConfig;
import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.config.ProxyConfig;
import dev.mcpproxy.core.secrets.SecretStore;
import dev.mcpproxy.server.api.ApiPort;
import dev.mcpproxy.server.clients.ProxyAddress;
import dev.mcpproxy.server.http1.Http1Server;
import dev.mcpproxy.server.mcp.McpPort;
import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The two HTTP ports, both served by the project's own small HTTP/1.1 server ({@link Http1Server}): MCP for
 * clients on the proxy port, the management API (REST, event streams, WebSocket) on the api port.
 */
final class HttpFront implements AutoCloseable {

    private final ProxyConfig config;
    private final Http1Server proxyServer;
    private final Http1Server apiServer;
    private final ScheduledExecutorService timer;

    /** @param apiToken the launch token the management port requires */
    HttpFront(ProxyConfig config, ProxyRuntime runtime, LiveConfig liveConfig, String apiToken, SecretStore secrets) {
        this.config = config;
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("http-timer").daemon()
                .unstarted(r));
        proxyServer = McpPort.server(config, runtime, timer);
        // Worked out when a client's entry is asked for, not at start, which is what the desktop waits on.
        apiServer = ApiPort.server(config, runtime, liveConfig, apiToken, this::apiPort,
                () -> ProxyAddress.of(config.host(), proxyPort(), config.authToken(), Installation.command()), secrets);
    }

    /** Binds both ports; a port in use gives a message that says which and what to do. */
    void start(String configName) throws IOException {
        start(proxyServer, "mcp-http", "proxy_port (or --port)", config.proxyPort(), configName);
        try {
            start(apiServer, "api-http", "api_port (or --api-port)", config.apiPort(), configName);
        } catch (IOException e) {
            proxyServer.close();
            throw e;
        }
    }

    private void start(Http1Server server, String threadName, String key, int port, String configName)
            throws IOException {
        try {
            server.start(threadName);
        } catch (BindException e) {
            throw new IOException("Port " + port + " on " + config.host() + " is already in use by another program. "
                    + "Stop it or set " + key + " in " + configName + ".", e);
        } catch (IOException | RuntimeException e) {
            throw new IOException("Could not open port " + port + " on " + config.host() + ": " + e.getMessage(), e);
        }
    }

    /** Completes with the name of the first port that stopped serving (closed, or its thread gone). */
    CompletableFuture<String> stopped() {
        return proxyServer.stopped().thenApply(v -> "proxy_port").applyToEither(
                apiServer.stopped().thenApply(v -> "api_port"), name -> name);
    }

    int proxyPort() {
        return proxyServer.port();
    }

    int apiPort() {
        return apiServer.port();
    }

    @Override
    public void close() {
        proxyServer.close();
        apiServer.close();
        timer.shutdownNow();
    }
}
