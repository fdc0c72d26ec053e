package dev.mcpproxy.core;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.events.EventLog;
import dev.mcpproxy.core.events.EventType;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.router.Router;
import dev.mcpproxy.core.router.ServerEndpoint;
import dev.mcpproxy.core.supervisor.ServerSupervisor;
import dev.mcpproxy.core.supervisor.SupervisorContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured servers, each under its supervisor, with an endpoint of its own and its log published as events. A
 * configuration change stops the servers that went or changed and starts those that came or changed; the others, and
 * their clients, are not touched.
 */
final class Servers {

    /** Lines of output kept per server, and of the proxy's own log. */
    static final int LOG_LINES = 2000;

    private final SupervisorContext context;
    private final Router router;
    private final EventLog events;
    /** Replaced whole on every change, so readers on the request path never lock. */
    private volatile Map<String, Managed> managed = Map.of();

    private record Managed(ServerSupervisor supervisor, ServerEndpoint endpoint, Runnable stopPublishingLog) {
    }

    Servers(List<ServerConfig> configured, SupervisorContext context, Router router, EventLog events) {
        this.context = context;
        this.router = router;
        this.events = events;
        Map<String, Managed> initial = new LinkedHashMap<>();
        for (ServerConfig server : configured) {
            initial.put(server.name(), manage(server));
        }
        managed = Collections.unmodifiableMap(initial);
        router.order(List.copyOf(initial.keySet()));
    }

    private Managed manage(ServerConfig server) {
        ServerSupervisor supervisor = new ServerSupervisor(server, context, new LogRing(LOG_LINES));
        Runnable unsubscribe = supervisor.logs()
                .subscribe(line -> events.publish(EventType.LOG, server.name(), line.time(),
                        out -> line.appendJson(out, server.name())));
        return new Managed(supervisor, router.endpoint(server.name()), unsubscribe);
    }

    /** Starts every enabled server in the background; a slow or broken one delays nothing else. */
    void startEnabled() {
        supervisors().stream().filter(s -> s.config().enabled()).forEach(ServerSupervisor::start);
    }

    /** Makes {@code next} the servers, as {@code change} (worked out from the same list) says. */
    void apply(List<ServerConfig> next, ConfigChange change) {
        Map<String, Managed> current = managed;
        Set<String> kept = Set.copyOf(change.unchanged());
        List<Managed> retired = new ArrayList<>();
        Map<String, Managed> updated = new LinkedHashMap<>();
        for (ServerConfig server : next) {
            Managed existing = current.get(server.name());
            if (kept.contains(server.name())) {
                updated.put(server.name(), existing);
            } else {
                updated.put(server.name(), manage(server));
                if (existing != null) {
                    retired.add(existing);
                }
            }
        }
        change.removed().forEach(name -> retired.add(current.get(name)));
        retired.forEach(m -> m.stopPublishingLog().run());
        stopAll(retired.stream().map(Managed::supervisor).toList());
        router.order(List.copyOf(updated.keySet()));
        managed = Collections.unmodifiableMap(updated);
        for (String name : change.added()) {
            startIfEnabled(updated.get(name).supervisor());
        }
        for (String name : change.changed()) {
            startIfEnabled(updated.get(name).supervisor());
        }
    }

    private static void startIfEnabled(ServerSupervisor supervisor) {
        if (supervisor.config().enabled()) {
            supervisor.start();
        }
    }

    /** The servers in configuration order. */
    List<ServerSupervisor> supervisors() {
        return managed.values().stream().map(Managed::supervisor).toList();
    }

    Optional<ServerSupervisor> supervisor(String name) {
        return Optional.ofNullable(managed.get(name)).map(Managed::supervisor);
    }

    Optional<ServerEndpoint> endpoint(String name) {
        return Optional.ofNullable(managed.get(name)).map(Managed::endpoint);
    }

    /** Stops every server at once, each with its grace period, and waits for all of them. */
    void stopAll() {
        stopAll(supervisors());
    }

    private static void stopAll(Collection<ServerSupervisor> supervisors) {
        List<Thread> stopping = supervisors.stream()
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
    }
}
