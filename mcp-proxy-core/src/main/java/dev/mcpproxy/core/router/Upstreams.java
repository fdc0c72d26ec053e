package dev.mcpproxy.core.router;

import dev.mcpproxy.core.upstream.LiveUpstream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The upstreams that are up right now, in configuration order (which decides who wins a name collision). */
public final class Upstreams {

    private final Map<String, LiveUpstream> live = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();

    public void order(List<String> serverNames) {
        order.clear();
        order.addAll(serverNames);
    }

    public void up(LiveUpstream upstream) {
        live.put(upstream.name(), upstream);
    }

    public void down(LiveUpstream upstream) {
        live.remove(upstream.name(), upstream);
    }

    public Optional<LiveUpstream> get(String name) {
        return Optional.ofNullable(live.get(name));
    }

    /** Live upstreams in configuration order. */
    public List<LiveUpstream> all() {
        return order.stream().map(live::get).filter(java.util.Objects::nonNull).toList();
    }
}
