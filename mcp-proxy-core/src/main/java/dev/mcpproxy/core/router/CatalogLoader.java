package dev.mcpproxy.core.router;

import dev.mcpproxy.core.json.Json;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Fetches a server's lists, following pagination, without blocking the thread that asks. */
final class CatalogLoader {

    private static final System.Logger LOG = System.getLogger("mcp-proxy.catalog");
    /** A server that pages forever must not keep the proxy busy forever. */
    private static final int MAX_PAGES = 100;

    private final Catalog catalog;
    private final Consumer<ListKind> announce;

    CatalogLoader(Catalog catalog, Consumer<ListKind> announce) {
        this.catalog = catalog;
        this.announce = announce;
    }

    /** Loads every list the server announces and waits for them; used when a server comes up. */
    void loadAll(LiveUpstream live) {
        List<CompletableFuture<Void>> loads = new ArrayList<>();
        for (ListKind kind : ListKind.values()) {
            if (live.offers(kind.capability)) {
                loads.add(load(live, kind));
            } else {
                catalog.update(live.name(), kind, List.of());
            }
        }
        CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).join();
        for (ListKind kind : ListKind.values()) {
            announce.accept(kind);
        }
    }

    /** Reloads one list (after the server said it changed) and tells clients once it is in. */
    CompletableFuture<Void> load(LiveUpstream live, ListKind kind) {
        return fetch(live, kind, null, new ArrayList<>(), 0)
                .thenAccept(items -> {
                    catalog.update(live.name(), kind, items);
                    announce.accept(kind);
                })
                .exceptionally(e -> {
                    LOG.log(Level.WARNING, "{0}: could not load {1}: {2}", live.name(), kind.field,
                            e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                    return null;
                });
    }

    private CompletableFuture<List<JsonNode>> fetch(LiveUpstream live, ListKind kind, String cursor,
                                                    List<JsonNode> items, int page) {
        ObjectNode params = Json.object();
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return live.connection().call(kind.method, params, live.config().requestTimeout())
                .thenCompose(result -> {
                    result.path(kind.field).forEach(items::add);
                    String next = result.path("nextCursor").asString(null);
                    if (next == null || next.isEmpty() || page + 1 >= MAX_PAGES) {
                        return CompletableFuture.completedFuture(items);
                    }
                    return fetch(live, kind, next, items, page + 1);
                });
    }
}
