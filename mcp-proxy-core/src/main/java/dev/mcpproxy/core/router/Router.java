package dev.mcpproxy.core.router;

import dev.mcpproxy.core.calls.CallLog;
import dev.mcpproxy.core.upstream.InboundHandler;
import dev.mcpproxy.core.upstream.ListLoadException;
import dev.mcpproxy.core.upstream.LiveUpstream;
import dev.mcpproxy.core.upstream.ServerLifecycle;
import java.util.List;
import java.util.Optional;

/**
 * The JSON-RPC router: the client sessions, the endpoints they talk to (every server as one, or one alone), and the
 * upstreams those reach. Supervisors tell it when an upstream is up or down and hand it what upstreams send on their
 * own ({@link #inbound()}); how upstreams are kept running is none of its business.
 */
public final class Router implements ServerLifecycle {

    private final Upstreams upstreams = new Upstreams();
    private final SessionHub hub;
    private final AggregateEndpoint aggregate;
    private final UpstreamInbound inbound;
    private final Profiles profiles;

    public Router(CallLog calls, String version) {
        this.hub = new SessionHub(calls);
        this.aggregate = new AggregateEndpoint(hub, upstreams, new Catalog(upstreams), version);
        this.inbound = new UpstreamInbound(hub, aggregate);
        this.profiles = new Profiles(hub, upstreams, aggregate);
        aggregate.whenListChangedTellProfiles(profiles::announce);
    }

    /** The endpoints of the configuration's profiles. */
    public Profiles profiles() {
        return profiles;
    }

    public SessionHub hub() {
        return hub;
    }

    public AggregateEndpoint aggregate() {
        return aggregate;
    }

    /** Where upstreams' own messages go: their requests to clients, their notifications, their loss. */
    public InboundHandler inbound() {
        return inbound;
    }

    /** An endpoint that shows one server alone; its sessions are its own, so a new one starts without them. */
    public ServerEndpoint endpoint(String server) {
        return new ServerEndpoint(server, hub, upstreams);
    }

    /** The servers in configuration order, which decides who wins a name two of them offer. */
    public void order(List<String> servers) {
        upstreams.order(servers);
    }

    public Optional<LiveUpstream> live(String server) {
        return upstreams.get(server);
    }

    @Override
    public void up(LiveUpstream live) throws ListLoadException {
        upstreams.up(live);
        aggregate.serverUp(live);
    }

    @Override
    public void down(LiveUpstream live) {
        upstreams.down(live);
        aggregate.serverDown(live.name());
    }
}
