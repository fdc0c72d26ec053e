package dev.mcpproxy.core.router;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.ListLoadException;
import dev.mcpproxy.core.upstream.LiveUpstream;
import dev.mcpproxy.core.upstream.UpstreamException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    /**
     * Loads every list the server announces and waits for them; used when a server comes up. A list that cannot be
     * loaded fails the start with the reason, so that a server never shows running with tools missing; only a
     * server that answers "method not found" for a list it announced is taken at its word, with a warning.
     */
    void loadAll(LiveUpstream live) throws ListLoadException {
        Map<ListKind, CompletableFuture<Void>> loads = new EnumMap<>(ListKind.class);
        for (ListKind kind : ListKind.values()) {
            if (live.offers(kind.capability)) {
                loads.put(kind, fetch(live, kind, null, new ArrayList<>(), 0)
                        .exceptionallyCompose(e -> emptyIfNotFound(live, kind, e))
                        .thenAccept(items -> catalog.update(live, kind, items)));
            } else {
                catalog.update(live, kind, List.of());
            }
        }
        try {
            CompletableFuture.allOf(loads.values().toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            List<String> failed = loads.entrySet().stream().filter(l -> l.getValue().isCompletedExceptionally())
                    .map(l -> l.getKey().field).toList();
            Throwable cause = rootOf(e);
            throw new ListLoadException("could not load its " + String.join(" and ", failed) + ": "
                    + (cause instanceof Error || cause.getMessage() == null ? cause.toString() : cause.getMessage()),
                    cause);
        }
        for (ListKind kind : ListKind.values()) {
            announce.accept(kind);
        }
    }

    private static Throwable rootOf(Throwable e) {
        Throwable cause = e;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static CompletableFuture<List<JsonNode>> emptyIfNotFound(LiveUpstream live, ListKind kind, Throwable e) {
        Throwable cause = rootOf(e);
        if (cause instanceof UpstreamException u && u.code() == JsonRpc.METHOD_NOT_FOUND) {
            LOG.log(Level.WARNING, "{0} announces {1} but has no {2}: {3}; listing none", live.name(),
                    kind.capability, kind.method, u.getMessage());
            return CompletableFuture.completedFuture(List.of());
        }
        return CompletableFuture.failedFuture(cause);
    }

    /** Reloads one list (after the server said it changed) and tells clients once it is in. */
    CompletableFuture<Void> load(LiveUpstream live, ListKind kind) {
        return fetch(live, kind, null, new ArrayList<>(), 0)
                .thenAccept(items -> {
                    catalog.update(live, kind, items);
                    announce.accept(kind);
                })
                .exceptionally(e -> {
                    Throwable cause = rootOf(e);
                    LOG.log(Level.WARNING, "{0}: could not reload {1}, keeping the last list: {2}", live.name(),
                            kind.field, cause instanceof Error || cause.getMessage() == null ? cause.toString()
                                    : cause.getMessage());
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
