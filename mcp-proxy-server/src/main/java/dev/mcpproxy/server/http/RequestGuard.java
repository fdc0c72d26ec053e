package dev.mcpproxy.server.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Decides whether a request may be served at all. A web page on another site can make a browser send
 * requests to loopback ports (DNS rebinding, cross-site POSTs), so the Host must name this machine and an
 * Origin, when a browser sends one, must be a local page. With a token configured, it must be presented.
 */
final class RequestGuard {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowedHosts;
    private final boolean anyHost;
    private final Optional<byte[]> token;

    /** A refusal: the HTTP status and a short message for the body. */
    record Refusal(int status, String message) {
    }

    RequestGuard(String bindHost, Optional<String> token) {
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

    /** @param header a request's header value by name, null when absent */
    Optional<Refusal> check(UnaryOperator<String> header) {
        String host = header.apply("Host");
        if (!anyHost && (host == null || !allowedHosts.contains(hostName(host)))) {
            return Optional.of(new Refusal(403, "Forbidden: Host header must name this machine"));
        }
        String origin = header.apply("Origin");
        if (origin != null && !localOrigin(origin)) {
            return Optional.of(new Refusal(403, "Forbidden: requests from web pages of other sites are refused"));
        }
        if (token.isPresent() && !tokenMatches(header.apply("Authorization"))) {
            return Optional.of(new Refusal(401, "Unauthorized: send Authorization: Bearer <auth_token>"));
        }
        return Optional.empty();
    }

    private boolean localOrigin(String origin) {
        try {
            URI uri = URI.create(origin);
            String host = uri.getHost();
            return host != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && allowedHosts.contains(hostName(uri.getRawAuthority()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The host part of a Host header or authority, lower case, IPv6 literals kept in brackets. */
    static String hostName(String authority) {
        String a = authority.toLowerCase(Locale.ROOT).trim();
        int at = a.lastIndexOf('@');
        if (at >= 0) {
            a = a.substring(at + 1);
        }
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            return end < 0 ? a : a.substring(0, end + 1);
        }
        int colon = a.indexOf(':');
        return colon < 0 ? a : a.substring(0, colon);
    }

    private boolean tokenMatches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token.orElseThrow());
    }
}
