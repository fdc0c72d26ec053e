package dev.mcpproxy.server.http;

import dev.mcpproxy.core.LiveConfig;
import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.config.ProxyConfig;
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

/** The two HTTP ports: MCP for clients on the proxy port, management on the api port. All Jetty code lives here. */
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

    private final Server server;
    private final ServerConnector proxyConnector;
    private final ServerConnector apiConnector;
    private final ScheduledExecutorService timer;

    /** @param apiToken the launch token the management port requires */
    public HttpFront(ProxyConfig config, ProxyRuntime runtime, LiveConfig liveConfig, String apiToken) {
        QueuedThreadPool threads = new AnswerThreadPool(64, 2);
        threads.setName("http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        server.setStopTimeout(1000);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        proxyConnector = connector(config.host(), config.proxyPort(), "proxy", http);
        apiConnector = connector(config.host(), config.apiPort(), "api", http);
        server.addConnector(proxyConnector);
        server.addConnector(apiConnector);
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("http-timer").daemon()
                .unstarted(r));
        RequestGuard proxyGuard = new RequestGuard(config.host(), config.authToken());
        Heartbeats heartbeats = new Heartbeats(timer);
        var streamable = new StreamableHttpHandler(runtime.hub(), MAX_BODY_BYTES, heartbeats);
        var legacy = new LegacySseHandler(runtime.hub(), MAX_BODY_BYTES, heartbeats);
        Handler proxyPort = new ProxyPortHandler(proxyGuard, new McpEndpoints(runtime), streamable, legacy);
        ServerWebSocketContainer webSockets = ServerWebSocketContainer.ensure(server);
        webSockets.setIdleTimeout(Duration.ofMinutes(10));
        webSockets.setMaxTextMessageSize(64 * 1024);
        ApiPortHandler apiPort = new ApiPortHandler(new ApiAccess(config.host(), apiToken, this::apiPort),
                new ManagementApi(runtime, liveConfig), new EventStreams(runtime.events(), webSockets));
        // Nothing below blocks (bodies are read asynchronously, upstream writes are queued), so Jetty may run
        // requests on the thread that read them: no hand-off to another thread per call.
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (request.getConnectionMetaData().getConnector() == apiConnector) {
                    apiPort.handle(request, response, callback);
                    return true;
                }
                return proxyPort.handle(request, response, callback);
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
            server.start();
        } catch (IOException e) {
            stopQuietly();
            if (e.getCause() instanceof BindException || e instanceof BindException) {
                throw new IOException(bindFailure(configName), e);
            }
            throw e;
        } catch (Exception e) {
            stopQuietly();
            throw new IOException("Could not start the HTTP server: " + e.getMessage(), e);
        }
    }

    private String bindFailure(String configName) {
        ServerConnector failed = proxyConnector.isStarted() ? apiConnector : proxyConnector;
        String key = failed == proxyConnector ? "proxy_port (or --port)" : "api_port (or --api-port)";
        return "Port " + failed.getPort() + " on " + failed.getHost() + " is already in use by another program. "
                + "Stop it or set " + key + " in " + configName + ".";
    }

    public int proxyPort() {
        return proxyConnector.getLocalPort();
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
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort; the process is going away.
        }
    }
}
