package dev.mcpproxy.core.router;

import dev.mcpproxy.core.json.Json;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** One server on its own, as it is: no prefixes, no caching, every method passed through. */
public final class ServerEndpoint extends EndpointBase {

    private final String server;

    public ServerEndpoint(String server, SessionHub hub, Upstreams upstreams) {
        super(hub, upstreams);
        this.server = server;
    }

    @Override
    public Optional<String> serverScope() {
        return Optional.of(server);
    }

    @Override
    protected ObjectNode initializeResult(DownstreamSession session) {
        return upstreams.get(server)
                .map(live -> (ObjectNode) live.initializeResult().deepCopy())
                .orElseGet(() -> {
                    ObjectNode result = Json.object();
                    result.putObject("capabilities");
                    result.putObject("serverInfo").put("name", server).put("version", "unavailable");
                    return result;
                });
    }

    @Override
    protected void route(DownstreamSession session, ObjectNode request, byte[] text, ReplySink sink) {
        forwardTo(server, null, session, request, text, sink);
    }

    @Override
    protected void broadcastUpstream(ObjectNode notification) {
        upstreams.get(server).ifPresent(live -> live.connection().sendQuietly(notification));
    }
}
