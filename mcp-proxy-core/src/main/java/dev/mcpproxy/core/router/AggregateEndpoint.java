package dev.mcpproxy.core.router;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.ListLoadException;
import dev.mcpproxy.core.upstream.LiveUpstream;
import dev.mcpproxy.core.upstream.UpstreamConnection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** All live servers as one MCP server: lists merged with prefixed names, each request routed to its owner. */
public final class AggregateEndpoint extends EndpointBase {

    private static final String RESOURCE_NOT_FOUND_MESSAGE = "No running server offers resource ";
    private static final int RESOURCE_NOT_FOUND = -32002;

    private final Catalog catalog;
    private final CatalogLoader loader;
    private final String version;
    /** The merged lists clients were last told about; the catalog keeps a list that did not change the same object. */
    private final Map<ListKind, ListedItems> lastAnnounced = new EnumMap<>(ListKind.class);
    private volatile Consumer<ListKind> listChanged = kind -> { };
    private volatile Consumer<ListKind> profilesToTell = kind -> { };

    public AggregateEndpoint(SessionHub hub, Upstreams upstreams, Catalog catalog, String version) {
        super(hub, upstreams);
        this.catalog = catalog;
        this.version = version;
        this.loader = new CatalogLoader(catalog, this::announce);
    }

    @Override
    public Optional<String> serverScope() {
        return Optional.empty();
    }

    /** Hears every change of a list clients see (tools, prompts, resources), after clients were told. */
    public void whenListChanged(Consumer<ListKind> listener) {
        this.listChanged = listener;
    }

    /** Who tells the profiles' clients, which see a part of each list, when a whole list changed. */
    void whenListChangedTellProfiles(Consumer<ListKind> profiles) {
        this.profilesToTell = profiles;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** A server finished its handshake: load its lists, then tell clients. */
    public void serverUp(LiveUpstream live) throws ListLoadException {
        loader.loadAll(live);
        hub.sessions().stream().filter(s -> s.logLevel().isPresent()).findAny()
                .ifPresent(s -> setUpstreamLevel(live, minimumLevel()));
    }

    public void serverDown(String server) {
        catalog.remove(server);
        for (ListKind kind : ListKind.values()) {
            announce(kind);
        }
    }

    @Override
    protected ObjectNode initializeResult(DownstreamSession session) {
        ObjectNode result = Json.object();
        ObjectNode caps = result.putObject("capabilities");
        caps.putObject("tools").put("listChanged", true);
        caps.putObject("prompts").put("listChanged", true);
        caps.putObject("resources").put("subscribe", true).put("listChanged", true);
        caps.putObject("logging");
        caps.putObject("completions");
        result.putObject("serverInfo").put("name", "mcp-proxy").put("title", "MCP Proxy").put("version", version);
        instructions(upstreams.all()).ifPresent(text -> result.put("instructions", text));
        return result;
    }

    /** The servers' instructions, each under a heading with its name; empty when none gives any. */
    static Optional<String> instructions(List<LiveUpstream> servers) {
        StringBuilder instructions = new StringBuilder();
        for (LiveUpstream live : servers) {
            String text = live.initializeResult().path("instructions").asString("");
            if (!text.isBlank()) {
                instructions.append("## ").append(live.name()).append("\n").append(text.strip()).append("\n\n");
            }
        }
        return instructions.isEmpty() ? Optional.empty() : Optional.of(instructions.toString().strip());
    }

    @Override
    protected void route(DownstreamSession session, ObjectNode request, byte[] text, ReplySink sink) {
        String method = JsonRpc.method(request);
        Optional<ListKind> list = ListKind.byMethod(method);
        if (list.isPresent()) {
            ObjectNode result = Json.object();
            result.putRawValue(list.get().field, catalog.snapshot().list(list.get()).asJsonValue());
            sink.reply(JsonRpc.result(request.get("id"), result));
            return;
        }
        JsonNode params = JsonRpc.params(request);
        switch (method) {
            case "tools/call" -> byName(ListKind.TOOLS, session, request, text, sink, "tool");
            case "prompts/get" -> byName(ListKind.PROMPTS, session, request, text, sink, "prompt");
            case "resources/read", "resources/subscribe" -> byUri(session, request, text, sink);
            case "resources/unsubscribe" -> unsubscribe(session, request, text, sink);
            case "completion/complete" -> complete(session, request, text, sink, params.path("ref"));
            case "logging/setLevel" -> setLevel(session, request, sink);
            default -> sink.reply(JsonRpc.error(request.get("id"), JsonRpc.METHOD_NOT_FOUND,
                    "Method not found: " + method));
        }
    }

    private void byName(ListKind kind, DownstreamSession session, ObjectNode request, byte[] text, ReplySink sink,
                        String what) {
        String name = JsonRpc.params(request).path("name").asString("");
        Optional<CatalogEntry> entry = catalog.snapshot().find(kind, name);
        if (entry.isEmpty()) {
            sink.reply(JsonRpc.error(request.get("id"), JsonRpc.INVALID_PARAMS, "Unknown " + what + ": " + name));
            return;
        }
        forwardTo(entry.get().server(), entry.get().upstreamName(), session, request, text, sink);
    }

    private void byUri(DownstreamSession session, ObjectNode request, byte[] text, ReplySink sink) {
        String uri = JsonRpc.params(request).path("uri").asString("");
        Optional<String> owner = catalog.ownerOfUri(uri).or(this::onlyResourceServer);
        if (owner.isEmpty()) {
            sink.reply(JsonRpc.error(request.get("id"), RESOURCE_NOT_FOUND, RESOURCE_NOT_FOUND_MESSAGE + uri));
            return;
        }
        if (JsonRpc.method(request).equals("resources/subscribe")) {
            session.subscriptions().add(uri);
        }
        forwardTo(owner.get(), null, session, request, text, sink);
    }

    private void unsubscribe(DownstreamSession session, ObjectNode request, byte[] text, ReplySink sink) {
        String uri = JsonRpc.params(request).path("uri").asString("");
        session.subscriptions().remove(uri);
        boolean stillWanted = hub.sessions().stream().anyMatch(s -> s.subscriptions().contains(uri));
        Optional<String> owner = catalog.ownerOfUri(uri).or(this::onlyResourceServer);
        if (stillWanted || owner.isEmpty()) {
            sink.reply(JsonRpc.result(request.get("id"), Json.object()));
        } else {
            forwardTo(owner.get(), null, session, request, text, sink);
        }
    }

    private Optional<String> onlyResourceServer() {
        var withResources = upstreams.all().stream().filter(l -> l.offers("resources")).toList();
        return withResources.size() == 1 ? Optional.of(withResources.getFirst().name()) : Optional.empty();
    }

    private void complete(DownstreamSession session, ObjectNode request, byte[] text, ReplySink sink,
                          JsonNode ref) {
        if (ref.path("type").asString("").equals("ref/prompt")) {
            Optional<CatalogEntry> prompt = catalog.snapshot().find(ListKind.PROMPTS, ref.path("name").asString(""));
            if (prompt.isPresent()) {
                forwardTo(prompt.get().server(), prompt.get().upstreamName(), session, request, text, sink);
                return;
            }
        } else {
            Optional<String> owner = catalog.snapshot().find(ListKind.RESOURCE_TEMPLATES, ref.path("uri").asString(""))
                    .map(CatalogEntry::server).or(() -> catalog.ownerOfUri(ref.path("uri").asString("")));
            if (owner.isPresent()) {
                forwardTo(owner.get(), null, session, request, text, sink);
                return;
            }
        }
        sink.reply(JsonRpc.error(request.get("id"), JsonRpc.INVALID_PARAMS, "Nothing to complete for " + ref));
    }

    private void setLevel(DownstreamSession session, ObjectNode request, ReplySink sink) {
        Optional<LogLevel> level = LogLevel.parse(JsonRpc.params(request).path("level").asString(""));
        if (level.isEmpty()) {
            sink.reply(JsonRpc.error(request.get("id"), JsonRpc.INVALID_PARAMS,
                    "Unknown log level; use debug, info, notice, warning, error, critical, alert or emergency"));
            return;
        }
        session.logLevel(level.get());
        LogLevel minimum = minimumLevel();
        upstreams.all().forEach(live -> setUpstreamLevel(live, minimum));
        sink.reply(JsonRpc.result(request.get("id"), Json.object()));
    }

    /** Upstreams are shared, so they log at the most verbose level any client asked for; the hub filters per client. */
    private LogLevel minimumLevel() {
        return hub.sessions().stream().flatMap(s -> s.logLevel().stream())
                .min(Enum::compareTo).orElse(LogLevel.DEBUG);
    }

    private static void setUpstreamLevel(LiveUpstream live, LogLevel level) {
        if (live.offers("logging")) {
            ObjectNode params = Json.object().put("level", level.wireName());
            live.connection().call("logging/setLevel", params, live.config().requestTimeout());
        }
    }

    @Override
    protected void broadcastUpstream(ObjectNode notification) {
        upstreams.all().forEach(live -> live.connection().sendQuietly(notification));
    }

    /** What an upstream notified on its own: a list it changed is reloaded, a resource update goes to subscribers. */
    void onUpstreamNotification(UpstreamConnection from, ObjectNode notification) {
        String method = JsonRpc.method(notification);
        Optional<LiveUpstream> live = upstreams.get(from.serverName()).filter(l -> l.connection() == from);
        for (ListKind kind : ListKind.values()) {
            if (kind.changedNotification.equals(method)) {
                live.ifPresent(l -> loader.load(l, kind));
            }
        }
        if (method.equals("notifications/resources/updated")) {
            String uri = JsonRpc.params(notification).path("uri").asString("");
            hub.sessions().stream().filter(s -> s.subscriptions().contains(uri))
                    .forEach(s -> s.send(notification));
        }
    }

    /**
     * Tells clients that a list changed, only when what they would list is different from what they were last
     * told about: a server restart or reload that ends where it began costs clients nothing, and clients that
     * re-list on every notification are not flooded (some SDK clients stall under such floods).
     */
    private void announce(ListKind kind) {
        ListKind announced = kind == ListKind.RESOURCE_TEMPLATES ? ListKind.RESOURCES : kind;
        List<ListKind> shown = announced == ListKind.RESOURCES
                ? List.of(ListKind.RESOURCES, ListKind.RESOURCE_TEMPLATES) : List.of(announced);
        Catalog.Snapshot snapshot = catalog.snapshot();
        synchronized (lastAnnounced) {
            if (shown.stream().allMatch(k -> snapshot.list(k) == lastAnnounced.get(k))) {
                return;
            }
            shown.forEach(k -> lastAnnounced.put(k, snapshot.list(k)));
        }
        ObjectNode changed = JsonRpc.notification(announced.changedNotification, null);
        hub.sessions().stream().filter(s -> s.endpoint() == this).forEach(s -> s.send(changed));
        profilesToTell.accept(announced);
        listChanged.accept(announced);
    }
}
