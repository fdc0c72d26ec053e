package dev.mcpproxy.core.router;

import dev.mcpproxy.core.config.ProfileConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles' endpoints by name. A profile that stays keeps its endpoint, and so its sessions, across a change of
 * configuration; a removed one's sessions are closed, and a request naming one gets 404 as for any unknown profile.
 */
public final class Profiles {

    private final SessionHub hub;
    private final Upstreams upstreams;
    private final AggregateEndpoint aggregate;
    private volatile Map<String, ProfileEndpoint> byName = Map.of();

    Profiles(SessionHub hub, Upstreams upstreams, AggregateEndpoint aggregate) {
        this.hub = hub;
        this.upstreams = upstreams;
        this.aggregate = aggregate;
    }

    public Optional<ProfileEndpoint> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<ProfileEndpoint> all() {
        return List.copyOf(byName.values());
    }

    /** Makes these the profiles, in file order. */
    public synchronized void set(List<ProfileConfig> profiles) {
        Map<String, ProfileEndpoint> next = new LinkedHashMap<>();
        for (ProfileConfig profile : profiles) {
            ProfileEndpoint endpoint = byName.get(profile.name());
            if (endpoint == null) {
                endpoint = new ProfileEndpoint(profile, hub, upstreams, aggregate);
            } else if (!endpoint.profile().equals(profile)) {
                endpoint.update(profile);
            }
            next.put(profile.name(), endpoint);
        }
        byName = java.util.Collections.unmodifiableMap(next);
        hub.sessions().stream().filter(s -> s.endpoint() instanceof ProfileEndpoint p && !next.containsValue(p))
                .forEach(hub::close);
    }

    void announce(ListKind kind) {
        byName.values().forEach(p -> p.announce(kind));
    }
}
