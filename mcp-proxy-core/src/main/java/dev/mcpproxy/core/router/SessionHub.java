package dev.mcpproxy.core.router;

import dev.mcpproxy.core.calls.CallLog;
import dev.mcpproxy.core.upstream.UpstreamConnection;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client sessions, and what is under way between them and upstreams: their calls in flight
 * ({@link CallsInFlight}) and the requests upstreams made of them ({@link RequestsToClients}). A session that ends
 * takes both along.
 */
public final class SessionHub {

    private static final System.Logger LOG = System.getLogger("mcp-proxy.sessions");
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Sessions kept at most. Most clients go away without ending their session, so without a bound a proxy that
     * runs for weeks would keep every session any client ever opened; a client whose session was ended gets 404
     * and initializes anew, as the specification provides.
     */
    static final int MAX_SESSIONS = 1000;

    private final Map<String, DownstreamSession> sessions = new ConcurrentHashMap<>();
    private final CallsInFlight calls;
    private final RequestsToClients requests = new RequestsToClients();

    public SessionHub(CallLog callLog) {
        this.calls = new CallsInFlight(callLog);
    }

    CallsInFlight calls() {
        return calls;
    }

    RequestsToClients requests() {
        return requests;
    }

    public DownstreamSession open(McpEndpoint endpoint) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        DownstreamSession session = new DownstreamSession(HexFormat.of().formatHex(id), endpoint);
        sessions.put(session.id(), session);
        if (sessions.size() > MAX_SESSIONS) {
            endIdleSessions(session);
        }
        return session;
    }

    /** Ends the sessions idle longest (no stream open, nothing in flight) until the bound holds again. */
    private synchronized void endIdleSessions(DownstreamSession opened) {
        List<DownstreamSession> idle = sessions.values().stream()
                .filter(s -> s != opened && s.isIdle())
                .sorted(Comparator.comparingLong(DownstreamSession::lastActive))
                .limit(Math.max(0, sessions.size() - MAX_SESSIONS))
                .toList();
        idle.forEach(this::close);
        if (!idle.isEmpty()) {
            LOG.log(Level.INFO, "Ended " + idle.size() + " idle client session(s): more than " + MAX_SESSIONS
                    + " were open");
        }
    }

    public Optional<DownstreamSession> session(String id) {
        return Optional.ofNullable(id == null ? null : sessions.get(id));
    }

    public Collection<DownstreamSession> sessions() {
        return sessions.values();
    }

    /** Ends a session: its calls are cancelled upstream, and upstream requests waiting on it are refused. */
    public void close(DownstreamSession session) {
        sessions.remove(session.id());
        ClientStream stream = session.markClosed();
        if (stream != null) {
            stream.close();
        }
        calls.cancelAll(session);
        requests.refuseAll(session);
    }

    /** Sessions of the aggregate endpoint and of this upstream's own endpoint. */
    List<DownstreamSession> seeing(UpstreamConnection upstream) {
        return sessions.values().stream()
                .filter(s -> s.endpoint().serverScope().map(upstream.serverName()::equals).orElse(true))
                .toList();
    }

    /** Sessions of this upstream's own endpoint. */
    List<DownstreamSession> scopedTo(UpstreamConnection upstream) {
        return sessions.values().stream()
                .filter(s -> s.endpoint().serverScope().map(upstream.serverName()::equals).orElse(false))
                .toList();
    }
}
