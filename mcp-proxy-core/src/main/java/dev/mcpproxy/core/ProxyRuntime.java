package dev.mcpproxy.core;

import dev.mcpproxy.core.config.ProxyConfig;
import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.router.AggregateEndpoint;
import dev.mcpproxy.core.router.Catalog;
import dev.mcpproxy.core.router.LiveUpstream;
import dev.mcpproxy.core.router.ServerEndpoint;
import dev.mcpproxy.core.router.SessionHub;
import dev.mcpproxy.core.router.Upstreams;
import dev.mcpproxy.core.supervisor.ServerLifecycle;
import dev.mcpproxy.core.supervisor.ServerSupervisor;
import dev.mcpproxy.core.supervisor.StateListener;
import dev.mcpproxy.core.supervisor.TransportFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The proxy without its HTTP front: every configured server under supervision, the aggregate endpoint over
 * all of them, and one endpoint per server.
 */
public final class ProxyRuntime implements AutoCloseable {

    /** Lines of output kept per server. */
    private static final int LOG_LINES_PER_SERVER = 2000;

    private final ProxyConfig config;
    private final ScheduledExecutorService timer;
    private final SessionHub hub;
    private final Upstreams upstreams = new Upstreams();
    private final AggregateEndpoint aggregate;
    private final Map<String, ServerSupervisor> supervisors = new LinkedHashMap<>();
    private final Map<String, ServerEndpoint> serverEndpoints = new LinkedHashMap<>();

    public ProxyRuntime(ProxyConfig config, TransportFactory transports, StateListener stateListener, String version) {
        this.config = config;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("mcp-proxy-timer").daemon().unstarted(r));
        this.hub = new SessionHub();
        this.aggregate = new AggregateEndpoint(hub, upstreams, new Catalog(upstreams), version);
        hub.listen(aggregate);
        upstreams.order(config.servers().stream().map(ServerConfig::name).toList());
        ServerLifecycle lifecycle = new ServerLifecycle() {
            @Override
            public void up(LiveUpstream live) {
                aggregate.serverUp(live);
            }

            @Override
            public void down(String server) {
                aggregate.serverDown(server);
            }
        };
        var context = new ServerSupervisor.SupervisorContext(transports, hub, upstreams, lifecycle, stateListener,
                config.healthCheck(), timer, version);
        for (ServerConfig server : config.servers()) {
            supervisors.put(server.name(), new ServerSupervisor(server, context, new LogRing(LOG_LINES_PER_SERVER)));
            serverEndpoints.put(server.name(), new ServerEndpoint(server.name(), hub, upstreams));
        }
    }

    /** Starts every enabled server in the background; a slow or broken one delays nothing else. */
    public void start() {
        supervisors.values().stream().filter(s -> s.config().enabled()).forEach(ServerSupervisor::start);
    }

    public ProxyConfig config() {
        return config;
    }

    public SessionHub hub() {
        return hub;
    }

    public AggregateEndpoint aggregate() {
        return aggregate;
    }

    public Optional<ServerEndpoint> serverEndpoint(String name) {
        return Optional.ofNullable(serverEndpoints.get(name));
    }

    public List<ServerSupervisor> supervisors() {
        return List.copyOf(supervisors.values());
    }

    public Optional<ServerSupervisor> supervisor(String name) {
        return Optional.ofNullable(supervisors.get(name));
    }

    /** Stops every server at once, each with its grace period, and waits for all of them. */
    @Override
    public void close() {
        List<Thread> stopping = supervisors.values().stream()
                .map(s -> Thread.ofVirtual().name(s.name() + "-stop").start(s::stop))
                .toList();
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        hub.sessions().forEach(hub::close);
        timer.shutdownNow();
    }
}
