package dev.mcpproxy.core.router;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.upstream.LiveUpstream;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools, prompts, resources and templates of all live upstreams, as one set of lists with prefixed names.
 * A name two servers both claim goes to the one listed first in the configuration; the other is reported.
 * <p>
 * Each item is kept once, as the JSON text clients are sent (its name prefixed), which takes a fifth of the memory
 * of its tree: a server with 5,000 tools of real size did not fit the sidecar's 64 MB heap as trees kept twice.
 * The merged lists hold those same texts and are written out item by item when a client lists them.
 */
public final class Catalog {

    private static final System.Logger LOG = System.getLogger("mcp-proxy.catalog");
    static final String SEPARATOR = "__";

    private final Upstreams upstreams;
    private final Map<String, ServerLists> listsByServer = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /** One server's lists, item for item as it sent them, and the prefix its items are listed with. */
    private record ServerLists(String prefix, Map<ListKind, List<CatalogEntry>> lists) {
    }

    /**
     * An immutable view, rebuilt whenever a list changes. A merged list that came out the same as before is the
     * same object as before, so whoever tells clients about changes can tell by identity.
     */
    public record Snapshot(Map<ListKind, Map<String, CatalogEntry>> entries, Map<ListKind, ListedItems> listed,
                           List<String> collisions) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), List.of());

        public Optional<CatalogEntry> find(ListKind kind, String key) {
            return Optional.ofNullable(entries.getOrDefault(kind, Map.of()).get(key));
        }

        public ListedItems list(ListKind kind) {
            return listed.getOrDefault(kind, ListedItems.NONE);
        }
    }

    public Catalog(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Takes a server's list as it arrived; its items become the catalog's and must not be used by the caller. */
    public void update(LiveUpstream upstream, ListKind kind, List<JsonNode> items) {
        List<CatalogEntry> entries = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (item instanceof ObjectNode object) {
                entries.add(expose(upstream, kind, object));
            }
        }
        String prefix = upstream.config().prefix();
        synchronized (this) {
            ServerLists old = listsByServer.get(upstream.name());
            // A list that came back as it was changes nothing, and neither does an empty list where there was none:
            // 1,000 servers coming up without prompts or resources rebuild nothing for them.
            if (entries.equals(old == null ? List.of() : old.lists().getOrDefault(kind, List.of()))) {
                return;
            }
            Map<ListKind, List<CatalogEntry>> lists = new EnumMap<>(ListKind.class);
            if (old != null && old.prefix().equals(prefix)) {
                lists.putAll(old.lists());
            }
            lists.put(kind, List.copyOf(entries));
            listsByServer.put(upstream.name(), new ServerLists(prefix, lists));
            rebuild();
        }
    }

    public synchronized void remove(String server) {
        if (listsByServer.remove(server) != null) {
            rebuild();
        }
    }

    /** How many items of a kind the server listed, those its tool filter hides included. */
    public int count(String server, ListKind kind) {
        ServerLists lists = listsByServer.get(server);
        return lists == null ? 0 : lists.lists().getOrDefault(kind, List.of()).size();
    }

    /** One server's list as it sent it (names unprefixed), written out item by item when serialized. */
    public ListedItems serverList(String server, ListKind kind) {
        ServerLists lists = listsByServer.get(server);
        if (lists == null) {
            return ListedItems.NONE;
        }
        return new ListedItems(lists.lists().getOrDefault(kind, List.of()), lists.prefix());
    }

    /** Called with the lock held; keeps every merged list that did not change. */
    private void rebuild() {
        Snapshot previous = snapshot;
        Map<ListKind, Map<String, CatalogEntry>> entries = new EnumMap<>(ListKind.class);
        Map<ListKind, ListedItems> listed = new EnumMap<>(ListKind.class);
        List<String> collisions = new ArrayList<>();
        for (ListKind kind : ListKind.values()) {
            Map<String, CatalogEntry> byKey = new HashMap<>();
            List<CatalogEntry> visible = new ArrayList<>();
            for (LiveUpstream upstream : upstreams.all()) {
                ServerLists lists = listsByServer.get(upstream.name());
                for (CatalogEntry entry : lists == null ? List.<CatalogEntry>of()
                        : lists.lists().getOrDefault(kind, List.of())) {
                    if (!entry.listed()) {
                        continue;
                    }
                    CatalogEntry earlier = byKey.putIfAbsent(entry.key(), entry);
                    if (earlier == null) {
                        visible.add(entry);
                    } else {
                        collisions.add(collision(kind, entry.key(), earlier, entry));
                    }
                }
            }
            entries.put(kind, Map.copyOf(byKey));
            ListedItems before = previous.list(kind);
            listed.put(kind, before.items().equals(visible) ? before : new ListedItems(List.copyOf(visible), ""));
        }
        collisions.forEach(c -> LOG.log(Level.WARNING, c));
        snapshot = new Snapshot(entries, listed, List.copyOf(collisions));
    }

    /** The item as clients see it: the server's own object with the prefixed name, as JSON text. */
    private static CatalogEntry expose(LiveUpstream upstream, ListKind kind, ObjectNode item) {
        String name = item.path("name").asString("");
        String upstreamKey = kind == ListKind.RESOURCES ? item.path("uri").asString("")
                : kind == ListKind.RESOURCE_TEMPLATES ? item.path("uriTemplate").asString("") : name;
        boolean listed = kind != ListKind.TOOLS || upstream.config().tools().allows(name);
        String prefix = upstream.config().prefix();
        if (!prefix.isEmpty() && item.has("name")) {
            item.put("name", prefix + SEPARATOR + name);
        }
        // Tools and prompts are found by name; resources and templates by URI, which the proxy never rewrites.
        String key = kind == ListKind.TOOLS || kind == ListKind.PROMPTS ? item.path("name").asString("")
                : upstreamKey;
        return new CatalogEntry(upstream.name(), upstreamKey, key, Json.write(item), listed);
    }

    private static String collision(ListKind kind, String key, CatalogEntry kept, CatalogEntry hidden) {
        return "%s: %s \"%s\" is offered by both %s and %s; clients see %s's. Give one of them a prefix to offer both."
                .formatted(hidden.server(), kind.field, key, kept.server(), hidden.server(), kept.server());
    }

    /** The server owning a URI: a listed resource first, then the first template it fits. */
    public Optional<String> ownerOfUri(String uri) {
        Snapshot s = snapshot;
        return s.find(ListKind.RESOURCES, uri).map(CatalogEntry::server)
                .or(() -> s.list(ListKind.RESOURCE_TEMPLATES).items().stream()
                        .filter(t -> new UriTemplate(t.upstreamName()).matches(uri))
                        .map(CatalogEntry::server).findFirst());
    }
}
