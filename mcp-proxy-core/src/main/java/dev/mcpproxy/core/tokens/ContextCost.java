package dev.mcpproxy.core.tokens;

import dev.mcpproxy.core.process.LargeMessageBudget;
import dev.mcpproxy.core.router.Catalog;
import dev.mcpproxy.core.router.CatalogEntry;
import dev.mcpproxy.core.router.ListKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What each server's tools cost a model's context: every tool's definition as the aggregate endpoint lists it to
 * clients, in tokens, and what the servers' tool filters keep out. Counts are kept per definition, so the
 * tokenizer is loaded again only when a definition comes that was not counted before.
 */
public final class ContextCost {

    /** A tool's definition, exactly as clients are sent it (its name prefixed), and its size in tokens. */
    public record Tool(String name, String definition, int tokens) {
    }

    /**
     * One server's tools as clients see them, and those its tool filter hides.
     *
     * @param tokens       the sum of its tools' tokens
     * @param hiddenTokens the sum of its hidden tools' tokens: what the filter saves
     */
    public record ServerCost(String server, List<Tool> tools, int tokens, List<Tool> hidden, int hiddenTokens) {
    }

    /** @param tokens the sum of every server's tokens: what the aggregate endpoint's tool list costs */
    public record Report(String encoding, List<ServerCost> servers, int tokens) {
    }

    /** There was no room in the heap to load the tokenizer. */
    public static final class NoRoomException extends Exception {
        NoRoomException(String message) {
            super(message);
        }
    }

    private final Catalog catalog;
    private final LargeMessageBudget budget;
    /** The counts of the definitions the last report held; only those, so that it holds no definition gone since. */
    private Map<String, Integer> counts = Map.of();

    /** @param budget where the tokenizer's memory is taken from while it is loaded */
    public ContextCost(Catalog catalog, LargeMessageBudget budget) {
        this.catalog = catalog;
        this.budget = budget;
    }

    /** The cost of every server's tools, the servers in the order given. */
    public synchronized Report report(List<String> servers) throws NoRoomException {
        Map<String, List<CatalogEntry>> listedBy = new HashMap<>();
        for (CatalogEntry entry : catalog.snapshot().list(ListKind.TOOLS).items()) {
            listedBy.computeIfAbsent(entry.server(), server -> new ArrayList<>()).add(entry);
        }
        Map<String, List<CatalogEntry>> hiddenBy = new HashMap<>();
        for (String server : servers) {
            hiddenBy.put(server, catalog.serverList(server, ListKind.TOOLS).items().stream()
                    .filter(entry -> !entry.listed()).toList());
        }
        Map<String, Integer> counted = count(servers.stream()
                .flatMap(s -> Stream.concat(listedBy.getOrDefault(s, List.of()).stream(),
                        hiddenBy.get(s).stream()))
                .map(CatalogEntry::json).toList());
        List<ServerCost> costs = new ArrayList<>();
        int total = 0;
        for (String server : servers) {
            List<Tool> tools = tools(listedBy.getOrDefault(server, List.of()), counted);
            List<Tool> hidden = tools(hiddenBy.get(server), counted);
            ServerCost cost = new ServerCost(server, tools, sum(tools), hidden, sum(hidden));
            costs.add(cost);
            total += cost.tokens();
        }
        return new Report(Tokenizer.ENCODING, costs, total);
    }

    /** The counts of these definitions: those counted before as they were, the others with the tokenizer loaded. */
    private Map<String, Integer> count(List<String> definitions) throws NoRoomException {
        Map<String, Integer> next = new HashMap<>();
        List<String> uncounted = new ArrayList<>();
        for (String definition : definitions) {
            Integer known = counts.get(definition);
            if (known != null) {
                next.put(definition, known);
            } else {
                uncounted.add(definition);
            }
        }
        if (!uncounted.isEmpty()) {
            if (!budget.reserve(Tokenizer.COST)) {
                throw new NoRoomException("Counting tokens needs about " + (Tokenizer.COST >> 20) + " MiB of the"
                        + " proxy's memory for the tokenizer, and large messages hold it now. Try again shortly, or"
                        + " give the sidecar more heap (-Xmx).");
            }
            try {
                Tokenizer tokenizer = Tokenizer.load();
                for (String definition : uncounted) {
                    next.computeIfAbsent(definition, tokenizer::count);
                }
            } finally {
                budget.release(Tokenizer.COST);
            }
        }
        counts = next;
        return next;
    }

    private static List<Tool> tools(List<CatalogEntry> entries, Map<String, Integer> counted) {
        return entries.stream().map(e -> new Tool(e.key(), e.json(), counted.get(e.json()))).toList();
    }

    private static int sum(List<Tool> tools) {
        return tools.stream().mapToInt(Tool::tokens).sum();
    }
}
