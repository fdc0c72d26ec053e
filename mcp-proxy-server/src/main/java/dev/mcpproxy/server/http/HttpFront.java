package dev.mcpproxy.server.http;

import dev.mcpproxy.core.LiveConfig;
import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.config.ProxyConfig;
import dev.mcpproxy.server.http1.Http1Server;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * The two HTTP ports: MCP for clients on the proxy port, served by the project's own small HTTP/1.1 server
 * ({@link Http1Server}), and management on the api port, served by Jetty (REST, SSE and WebSocket). All Jetty
 * code lives in this package.
 */
public final class HttpFront implements AutoCloseable {

    static {
        // Jetty pads its concurrent structures by references per cache line, and finds the size of a reference by
        // asking the platform MBean server, whose start (with JFR's MBean and locale data) took ~50 ms of a ~350 ms
        // spawn-to-ready. Under a heap below 32 GB references are 4 bytes: 16 to a 64-byte line.
        if (System.getProperty("org.eclipse.jetty.util.referencesPerCacheLine") == null) {
            System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
        }
    }

    /** Largest request body accepted; MCP messages with images or files can be large, but not unbounded. */
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final ProxyConfig config;
    private final Server server;
    private final Http1Server proxyServer;
    private final ServerConnector apiConnector;
    private final ScheduledExecutorService timer;

    /** @param apiToken the launch token the management port requires */
    public HttpFront(ProxyConfig config, ProxyRuntime runtime, LiveConfig liveConfig, String apiToken) {
        this.config = config;
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        server.setStopTimeout(1000);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        apiConnector = connector(config.host(), config.apiPort(), "api", http);
        server.addConnector(apiConnector);
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("http-timer").daemon()
                .unstarted(r));
        RequestGuard proxyGuard = new RequestGuard(config.host(), config.authToken());
        Heartbeats heartbeats = new Heartbeats(timer);
        var streamable = new StreamableHttpHandler(runtime.hub(), heartbeats);
        var legacy = new LegacySseHandler(runtime.hub(), heartbeats);
        proxyServer = new Http1Server(config.host(), config.proxyPort(),
                new ProxyPortHandler(proxyGuard, new McpEndpoints(runtime), streamable, legacy),
                Http1Server.Limits.defaults(MAX_BODY_BYTES));
        ServerWebSocketContainer webSockets = ServerWebSocketContainer.ensure(server);
        webSockets.setIdleTimeout(Duration.ofMinutes(10));
        webSockets.setMaxTextMessageSize(64 * 1024);
        ApiPortHandler apiPort = new ApiPortHandler(new ApiAccess(config.host(), apiToken, this::apiPort),
                new ManagementApi(runtime, liveConfig), new EventStreams(runtime.events(), webSockets));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                apiPort.handle(request, response, callback);
                return true;
            }
        });
        server.setErrorHandler((request, response, callback) -> {
            Responses.json(response, callback, response.getStatus() > 0 ? response.getStatus() : 500,
                    dev.mcpproxy.core.json.Json.object().put("error", "Request failed"));
            return true;
        });
    }

    private ServerConnector connector(String host, int port, String name, HttpConfiguration http) {
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setName(name);
        connector.setIdleTimeout(Duration.ofMinutes(10).toMillis());
        return connector;
    }

    /** Binds both ports; a port in use gives a message that says which and what to do. */
    public void start(String configName) throws IOException {
        try {
            proxyServer.start("mcp-http");
        } catch (BindException e) {
            throw new IOException(bindFailure(configName, "proxy_port (or --port)", config.host(), config.proxyPort()),
                    e);
        } catch (IOException | RuntimeException e) {
            throw new IOException("Could not open the MCP port " + config.proxyPort() + " on " + config.host() + ": "
                    + e.getMessage(), e);
        }
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly();
            if (e.getCause() instanceof BindException || e instanceof BindException) {
                throw new IOException(bindFailure(configName, "api_port (or --api-port)", apiConnector.getHost(),
                        apiConnector.getPort()), e);
            }
            throw e;
        } catch (Exception e) {
            stopQuietly();
            throw new IOException("Could not start the HTTP server: " + e.getMessage(), e);
        }
    }

    private static String bindFailure(String configName, String key, String host, int port) {
        return "Port " + port + " on " + host + " is already in use by another program. "
                + "Stop it or set " + key + " in " + configName + ".";
    }

    public int proxyPort() {
        return proxyServer.port();
    }

    public int apiPort() {
        return apiConnector.getLocalPort();
    }

    @Override
    public void close() {
        stopQuietly();
        timer.shutdownNow();
    }

    private void stopQuietly() {
        proxyServer.close();
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort; the process is going away.
        }
    }
}
