package dev.mcpproxy.core.router;

import dev.mcpproxy.core.json.Json;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools, prompts, resources and templates of all live upstreams, as one set of lists with prefixed names.
 * A name two servers both claim goes to the one listed first in the configuration; the other is reported.
 */
public final class Catalog {

    private static final System.Logger LOG = System.getLogger("mcp-proxy.catalog");
    private static final String SEPARATOR = "__";

    private final Upstreams upstreams;
    private final Map<String, Map<ListKind, List<JsonNode>>> listsByServer = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /** An immutable view, rebuilt whenever a list changes. */
    public record Snapshot(Map<ListKind, Map<String, CatalogEntry>> entries, Map<ListKind, ArrayNode> listed,
                           List<String> collisions) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), List.of());

        public Optional<CatalogEntry> find(ListKind kind, String key) {
            return Optional.ofNullable(entries.getOrDefault(kind, Map.of()).get(key));
        }

        public ArrayNode list(ListKind kind) {
            return listed.getOrDefault(kind, Json.array());
        }
    }

    public Catalog(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public void update(String server, ListKind kind, List<JsonNode> items) {
        listsByServer.computeIfAbsent(server, s -> new ConcurrentHashMap<>()).put(kind, List.copyOf(items));
        rebuild();
    }

    public void remove(String server) {
        if (listsByServer.remove(server) != null) {
            rebuild();
        }
    }

    /** The raw lists of one server, as it sent them. */
    public List<JsonNode> serverList(String server, ListKind kind) {
        return listsByServer.getOrDefault(server, Map.of()).getOrDefault(kind, List.of());
    }

    private synchronized void rebuild() {
        Map<ListKind, Map<String, CatalogEntry>> entries = new EnumMap<>(ListKind.class);
        Map<ListKind, ArrayNode> listed = new EnumMap<>(ListKind.class);
        List<String> collisions = new ArrayList<>();
        for (ListKind kind : ListKind.values()) {
            Map<String, CatalogEntry> byKey = new LinkedHashMap<>();
            ArrayNode array = Json.array();
            for (LiveUpstream upstream : upstreams.all()) {
                for (JsonNode item : serverList(upstream.name(), kind)) {
                    CatalogEntry entry = expose(upstream, kind, item);
                    if (entry == null) {
                        continue;
                    }
                    String key = key(kind, entry);
                    CatalogEntry earlier = byKey.putIfAbsent(key, entry);
                    if (earlier == null) {
                        array.add(entry.exposed());
                    } else {
                        collisions.add(collision(kind, key, earlier, entry));
                    }
                }
            }
            entries.put(kind, Map.copyOf(byKey));
            listed.put(kind, array);
        }
        collisions.forEach(c -> LOG.log(Level.WARNING, c));
        snapshot = new Snapshot(entries, listed, List.copyOf(collisions));
    }

    private static CatalogEntry expose(LiveUpstream upstream, ListKind kind, JsonNode item) {
        if (!(item instanceof ObjectNode original)) {
            return null;
        }
        String name = original.path("name").asString("");
        if (kind == ListKind.TOOLS && !upstream.config().tools().allows(name)) {
            return null;
        }
        ObjectNode exposed = original.deepCopy();
        String prefix = upstream.config().prefix();
        if (!prefix.isEmpty() && original.has("name")) {
            exposed.put("name", prefix + SEPARATOR + name);
        }
        String upstreamKey = kind == ListKind.RESOURCES ? original.path("uri").asString("")
                : kind == ListKind.RESOURCE_TEMPLATES ? original.path("uriTemplate").asString("") : name;
        return new CatalogEntry(upstream.name(), upstreamKey, exposed);
    }

    /** Tools and prompts are found by name; resources and templates by URI, which the proxy never rewrites. */
    private static String key(ListKind kind, CatalogEntry entry) {
        return switch (kind) {
            case TOOLS, PROMPTS -> entry.exposed().path("name").asString("");
            case RESOURCES, RESOURCE_TEMPLATES -> entry.upstreamName();
        };
    }

    private static String collision(ListKind kind, String key, CatalogEntry kept, CatalogEntry hidden) {
        return "%s: %s \"%s\" is offered by both %s and %s; clients see %s's. Give one of them a prefix to offer both."
                .formatted(hidden.server(), kind.field, key, kept.server(), hidden.server(), kept.server());
    }

    /** The server owning a URI: a listed resource first, then the first template it fits. */
    public Optional<String> ownerOfUri(String uri) {
        Snapshot s = snapshot;
        return s.find(ListKind.RESOURCES, uri).map(CatalogEntry::server)
                .or(() -> s.entries().getOrDefault(ListKind.RESOURCE_TEMPLATES, Map.of()).values().stream()
                        .filter(t -> new UriTemplate(t.upstreamName()).matches(uri))
                        .map(CatalogEntry::server).findFirst());
    }
}
