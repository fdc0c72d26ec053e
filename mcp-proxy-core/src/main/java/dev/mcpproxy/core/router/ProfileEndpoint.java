package dev.mcpproxy.core.router;

import dev.mcpproxy.core.config.ProfileConfig;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The aggregate narrowed to one profile: it lists only what the profile shows and refuses the rest as unknown,
 * before anything reaches the aggregate's routing, so a client never learns of another profile's tools, prompts or
 * resources. The profile's settings can change while its sessions live; they are told when their lists changed.
 */
public final class ProfileEndpoint extends EndpointBase {

    private static final int RESOURCE_NOT_FOUND = -32002;

    private final AggregateEndpoint aggregate;
    private volatile ProfileConfig profile;
    /** The lists this profile's clients were last told about, to tell them only when theirs changed. */
    private final Map<ListKind, List<CatalogEntry>> lastAnnounced = new EnumMap<>(ListKind.class);

    ProfileEndpoint(ProfileConfig profile, SessionHub hub, Upstreams upstreams, AggregateEndpoint aggregate) {
        super(hub, upstreams);
        this.profile = profile;
        this.aggregate = aggregate;
        for (ListKind kind : ListKind.values()) {
            lastAnnounced.put(kind, visible(kind));
        }
    }

    public ProfileConfig profile() {
        return profile;
    }

    @Override
    public Optional<String> serverScope() {
        return Optional.empty();
    }

    /** Takes the profile's new settings; its clients are told of each list that looks different under them. */
    void update(ProfileConfig next) {
        profile = next;
        announce(ListKind.TOOLS);
        announce(ListKind.PROMPTS);
        announce(ListKind.RESOURCES);
    }

    /** What this profile shows of a list, in the aggregate's order. */
    public List<CatalogEntry> visible(ListKind kind) {
        ProfileConfig p = profile;
        return aggregate.catalog().snapshot().list(kind).items().stream().filter(e -> shows(p, kind, e)).toList();
    }

    private static boolean shows(ProfileConfig p, ListKind kind, CatalogEntry entry) {
        return kind == ListKind.TOOLS ? p.showsTool(entry.server(), entry.upstreamName()) : p.takes(entry.server());
    }

    /** The aggregate's list of this kind changed: the profile's clients hear of it when what they see changed. */
    void announce(ListKind announced) {
        List<ListKind> shown = announced == ListKind.RESOURCES
                ? List.of(ListKind.RESOURCES, ListKind.RESOURCE_TEMPLATES) : List.of(announced);
        synchronized (lastAnnounced) {
            boolean same = true;
            for (ListKind kind : shown) {
                List<CatalogEntry> now = visible(kind);
                same &= now.equals(lastAnnounced.put(kind, now));
            }
            if (same) {
                return;
            }
        }
        ObjectNode changed = JsonRpc.notification(announced.changedNotification, null);
        hub.sessions().stream().filter(s -> s.endpoint() == this).forEach(s -> s.send(changed));
    }

    @Override
    protected ObjectNode initializeResult(DownstreamSession session) {
        ObjectNode result = aggregate.initializeResult(session);
        result.remove("instructions");
        ProfileConfig p = profile;
        AggregateEndpoint.instructions(upstreams.all().stream().filter(live -> p.takes(live.name())).toList())
                .ifPresent(text -> result.put("instructions", text));
        return result;
    }

    @Override
    protected void route(DownstreamSession session, ObjectNode request, byte[] text, ReplySink sink) {
        String method = JsonRpc.method(request);
        Optional<ListKind> list = ListKind.byMethod(method);
        if (list.isPresent()) {
            ObjectNode result = Json.object();
            result.putRawValue(list.get().field, new ListedItems(visible(list.get()), "").asJsonValue());
            sink.reply(JsonRpc.result(request.get("id"), result));
            return;
        }
        JsonNode params = JsonRpc.params(request);
        Optional<String> refusal = switch (method) {
            case "tools/call" -> named(ListKind.TOOLS, params.path("name").asString(""), "tool");
            case "prompts/get" -> named(ListKind.PROMPTS, params.path("name").asString(""), "prompt");
            case "resources/read", "resources/subscribe" -> resource(params.path("uri").asString(""));
            case "completion/complete" -> completion(params.path("ref"));
            default -> Optional.empty();
        };
        if (refusal.isPresent()) {
            int code = method.startsWith("resources/") ? RESOURCE_NOT_FOUND : JsonRpc.INVALID_PARAMS;
            sink.reply(JsonRpc.error(request.get("id"), code, refusal.get()));
            return;
        }
        aggregate.route(session, request, text, sink);
    }

    /** The same answer as for a name nobody offers, so a client cannot tell a hidden tool from a missing one. */
    private Optional<String> named(ListKind kind, String name, String what) {
        ProfileConfig p = profile;
        boolean shown = aggregate.catalog().snapshot().find(kind, name).filter(e -> shows(p, kind, e)).isPresent();
        return shown ? Optional.empty() : Optional.of("Unknown " + what + ": " + name);
    }

    private Optional<String> resource(String uri) {
        boolean shown = aggregate.catalog().ownerOfUri(uri).filter(profile::takes).isPresent();
        return shown ? Optional.empty() : Optional.of("No running server offers resource " + uri);
    }

    private Optional<String> completion(JsonNode ref) {
        boolean shown = ref.path("type").asString("").equals("ref/prompt")
                ? named(ListKind.PROMPTS, ref.path("name").asString(""), "prompt").isEmpty()
                : aggregate.catalog().snapshot().find(ListKind.RESOURCE_TEMPLATES, ref.path("uri").asString(""))
                        .map(CatalogEntry::server).or(() -> aggregate.catalog().ownerOfUri(ref.path("uri").asString("")))
                        .filter(profile::takes).isPresent();
        return shown ? Optional.empty() : Optional.of("Nothing to complete for " + ref);
    }

    @Override
    protected void broadcastUpstream(ObjectNode notification) {
        aggregate.broadcastUpstream(notification);
    }
}
