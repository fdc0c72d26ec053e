package dev.mcpproxy.core;

import dev.mcpproxy.core.calls.CallLog;
import dev.mcpproxy.core.calls.Metrics;
import dev.mcpproxy.core.config.ProxyConfig;
import dev.mcpproxy.core.events.EventLog;
import dev.mcpproxy.core.events.EventType;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.router.AggregateEndpoint;
import dev.mcpproxy.core.router.ProfileEndpoint;
import dev.mcpproxy.core.router.Router;
import dev.mcpproxy.core.router.ServerEndpoint;
import dev.mcpproxy.core.router.SessionHub;
import dev.mcpproxy.core.supervisor.ServerSupervisor;
import dev.mcpproxy.core.supervisor.StateListener;
import dev.mcpproxy.core.supervisor.SupervisorContext;
import dev.mcpproxy.core.upstream.LiveUpstream;
import dev.mcpproxy.core.upstream.TransportFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The proxy without its HTTP front: every configured server under supervision, the aggregate endpoint over
 * all of them, one endpoint per server, and what the management API shows: events, recent calls, metrics.
 * Servers can be added, removed and changed while it runs; the others are not touched.
 */
public final class ProxyRuntime implements AutoCloseable {

    private static final int CALLS_KEPT = 1000;
    /**
     * What the kept calls' requests and answers may hold together, at most 64 KiB each: a thousand ordinary calls
     * (a few KiB each) keep theirs, and a run of large ones costs the heap no more than one large message does.
     */
    private static final long CALL_MESSAGES_KEPT = 8L << 20;
    /** The name under which the proxy's own log is kept; not a valid server name, so it cannot clash. */
    public static final String PROXY_LOG = "_proxy";

    private final ScheduledExecutorService timer;
    private final Router router;
    private final EventLog events = new EventLog();
    private final CallLog calls = new CallLog(CALLS_KEPT, CALL_MESSAGES_KEPT);
    private final Metrics metrics = new Metrics();
    private final LogRing proxyLog = new LogRing(Servers.LOG_LINES);
    private final Object changeLock = new Object();
    private final Servers servers;
    private volatile ProxyConfig config;

    public ProxyRuntime(ProxyConfig config, TransportFactory transports, StateListener stateListener, String version) {
        this.config = config;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("mcp-proxy-timer").daemon().unstarted(r));
        this.router = new Router(calls, version);
        calls.listen(metrics);
        calls.listen(call -> events.publish(EventType.CALL, call.server(), call.ended(), call));
        router.aggregate().whenListChanged(kind -> events.publish(EventType.LIST_CHANGED,
                Json.object().put("list", kind.field)));
        proxyLog.subscribe(line -> events.publish(EventType.LOG, PROXY_LOG, line.time(),
                out -> line.appendJson(out, PROXY_LOG)));
        StateListener publishing = (server, state, detail) -> {
            stateListener.stateChanged(server, state, detail);
            ObjectNode data = Json.object().put("server", server).put("state", state.wireName());
            events.publish(EventType.SERVER_STATE, detail == null ? data : data.put("detail", detail));
        };
        SupervisorContext context = new SupervisorContext(transports, router.inbound(), router, publishing,
                config.healthCheck(), timer, version);
        this.servers = new Servers(config.servers(), context, router, events);
        router.profiles().set(config.profiles());
    }

    /** Starts every enabled server in the background; a slow or broken one delays nothing else. */
    public void start() {
        servers.startEnabled();
    }

    /**
     * Makes {@code next} the running configuration: servers that are new start, servers that are gone stop, and
     * servers whose entry changed restart with it. Servers whose entry is the same are not touched, nor are their
     * clients. Top-level settings that need a restart of the sidecar are reported, not applied.
     */
    public ConfigChange apply(ProxyConfig next) {
        synchronized (changeLock) {
            ProxyConfig running = config;
            ConfigChange change = ConfigChange.between(running, next);
            servers.apply(next.servers(), change);
            router.profiles().set(next.profiles());
            // The settings that need a restart stay as they run; the file's servers are the running ones now.
            config = new ProxyConfig(next.source().or(running::source), running.host(), running.proxyPort(),
                    running.apiPort(), running.authToken(), running.healthCheck(), next.servers(),
                    running.maxMessageBytes(), next.profiles());
            if (!change.isEmpty()) {
                events.publish(EventType.CONFIG_CHANGED, changeJson(change));
            }
            return change;
        }
    }

    public ProxyConfig config() {
        return config;
    }

    public SessionHub hub() {
        return router.hub();
    }

    public AggregateEndpoint aggregate() {
        return router.aggregate();
    }

    public EventLog events() {
        return events;
    }

    public CallLog calls() {
        return calls;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** The proxy's own log, shown as {@value #PROXY_LOG}. */
    public LogRing proxyLog() {
        return proxyLog;
    }

    public Optional<ProfileEndpoint> profileEndpoint(String name) {
        return router.profiles().get(name);
    }

    public List<ProfileEndpoint> profileEndpoints() {
        return router.profiles().all();
    }

    public Optional<ServerEndpoint> serverEndpoint(String name) {
        return servers.endpoint(name);
    }

    /** The servers in configuration order. */
    public List<ServerSupervisor> supervisors() {
        return servers.supervisors();
    }

    public Optional<ServerSupervisor> supervisor(String name) {
        return servers.supervisor(name);
    }

    public Optional<LiveUpstream> live(String name) {
        return router.live(name);
    }

    /** Stops every server at once, each with its grace period, and waits for all of them. */
    @Override
    public void close() {
        servers.stopAll();
        router.hub().sessions().forEach(router.hub()::close);
        timer.shutdownNow();
    }

    /** What a configuration change did, as events and the API show it. */
    public static ObjectNode changeJson(ConfigChange change) {
        ObjectNode json = Json.object();
        putAll(json.putArray("added"), change.added());
        putAll(json.putArray("removed"), change.removed());
        putAll(json.putArray("changed"), change.changed());
        putAll(json.putArray("restart_required"), change.restartRequired());
        putAll(json.putArray("profiles"), change.profiles());
        return json;
    }

    private static void putAll(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
