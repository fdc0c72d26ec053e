package dev.mcpproxy.server.mcp;

import dev.mcpproxy.server.http1.Http1Head;
import dev.mcpproxy.server.http1.Http1Server.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a request may be served at all. A web page on another site can make a browser send
 * requests to loopback ports (DNS rebinding, cross-site POSTs), so the Host must name this machine and an
 * Origin, when a browser sends one, must be a local page. With a token configured, it must be presented.
 */
public final class RequestGuard {

    private static final java.util.Map<String, String> BEARER_CHALLENGE = java.util.Map.of("WWW-Authenticate", "Bearer");
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowedHosts;
    private final boolean anyHost;
    private final Optional<byte[]> token;

    /**
     * An Origin header's parts (RFC 6454: {@code scheme://host[:port]}), read by hand like every authority here.
     *
     * @param port -1 when the origin gives none
     */
    public record Origin(String scheme, String host, int port) {

        /** Empty when the value is not an origin of the form above ("null" included). */
        public static Optional<Origin> parse(String value) {
            int separator = value.indexOf("://");
            if (separator <= 0) {
                return Optional.empty();
            }
            String authority = value.substring(separator + 3);
            String host = hostName(authority);
            String rest = authority.substring(host.length());
            if (host.isEmpty() || host.indexOf('@') >= 0 || host.indexOf('/') >= 0
                    || !(rest.isEmpty() || rest.matches(":[0-9]{1,5}"))) {
                return Optional.empty();
            }
            int port = rest.isEmpty() ? -1 : Integer.parseInt(rest.substring(1));
            return Optional.of(new Origin(value.substring(0, separator).toLowerCase(Locale.ROOT), host, port));
        }
    }

    public RequestGuard(String bindHost, Optional<String> token) {
        String host = bindHost.toLowerCase(Locale.ROOT);
        this.anyHost = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        this.allowedHosts = host.contains(":") && !host.startsWith("[")
                ? Set.copyOf(concat(LOOPBACK_NAMES, "[" + host + "]"))
                : Set.copyOf(concat(LOOPBACK_NAMES, host));
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    private static Set<String> concat(Set<String> names, String extra) {
        var all = new java.util.HashSet<>(names);
        all.add(extra);
        return all;
    }

    /** Checks a request's head, before anything of its body is read. */
    public Optional<Refusal> check(Http1Head head) {
        return check(head, Optional.empty());
    }

    /**
     * Checks a request's head for an endpoint that may have a token of its own (a profile's). That token replaces
     * {@code auth_token} there rather than adding to it: a profile's token is given to a client so that it sees that
     * profile and nothing more, and the holder of {@code auth_token} can reach every tool through {@code /mcp}
     * anyway. A profile without a token is guarded by {@code auth_token}, so it is no way around it.
     */
    public Optional<Refusal> check(Http1Head head, Optional<String> endpointToken) {
        String host = head.header("Host");
        if (!anyHost && (host == null || !allowedHosts.contains(hostName(host)))) {
            return Optional.of(new Refusal(403, "Forbidden: Host header must name this machine"));
        }
        String origin = head.header("Origin");
        if (origin != null && !localOrigin(origin)) {
            return Optional.of(new Refusal(403, "Forbidden: requests from web pages of other sites are refused"));
        }
        if (endpointToken.isPresent()) {
            return tokenMatches(head.header("Authorization"), endpointToken.get().getBytes(StandardCharsets.UTF_8))
                    ? Optional.empty()
                    : Optional.of(new Refusal(401, "Unauthorized: send Authorization: Bearer <the profile's token>",
                            BEARER_CHALLENGE));
        }
        if (token.isPresent() && !tokenMatches(head.header("Authorization"), token.get())) {
            return Optional.of(new Refusal(401, "Unauthorized: send Authorization: Bearer <auth_token>",
                    BEARER_CHALLENGE));
        }
        return Optional.empty();
    }

    private boolean localOrigin(String origin) {
        Optional<Origin> parsed = Origin.parse(origin);
        return parsed.isPresent() && (parsed.get().scheme().equals("http") || parsed.get().scheme().equals("https"))
                && allowedHosts.contains(parsed.get().host());
    }

    /**
     * The host part of a Host header or authority, lower case, IPv6 literals kept in brackets. User information is
     * not stripped: {@code evil.com@127.0.0.1} is no name of this machine (and the HTTP layer refuses it already).
     */
    static String hostName(String authority) {
        String a = authority.toLowerCase(Locale.ROOT);
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            return end < 0 ? a : a.substring(0, end + 1);
        }
        int colon = a.indexOf(':');
        return colon < 0 ? a : a.substring(0, colon);
    }

    private static boolean tokenMatches(String authorization, byte[] expected) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, expected);
    }
}
