package dev.mcpproxy.server.api;

import dev.mcpproxy.server.http1.Http1Head;
import dev.mcpproxy.server.http1.Http1Server.Refusal;
import dev.mcpproxy.server.mcp.RequestGuard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Who may use the management port. It can start programs, so: the Host must name this machine and an Origin, when a
 * browser sends one, must be this port's own page (the UI); every {@code /api}, {@code /ws} and {@code /metrics}
 * request must carry the launch token, as a bearer header or as the cookie {@code GET /?token=} sets. No CORS
 * headers are ever sent: only the UI's own origin, which needs none, can read answers.
 */
final class ApiAccess {

    private final RequestGuard hostAndOrigin;
    private final byte[] token;
    private final IntSupplier port;

    ApiAccess(String bindHost, String token, IntSupplier port) {
        this.hostAndOrigin = new RequestGuard(bindHost, Optional.empty());
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.port = port;
    }

    /** The cookie's name carries the port: cookies are shared by all ports of a host. */
    String cookieName() {
        return "mcp_proxy_token_" + port.getAsInt();
    }

    /** A refusal for requests that fail the Host and Origin checks, which every route makes. */
    Optional<Refusal> checkOrigin(Http1Head request) {
        Optional<Refusal> refusal = hostAndOrigin.check(request);
        if (refusal.isPresent()) {
            return refusal;
        }
        String origin = request.header("Origin");
        if (origin != null && !ownOrigin(origin)) {
            return Optional.of(new Refusal(403,
                    "Forbidden: only the management UI's own page may call this API"));
        }
        return Optional.empty();
    }

    /** A refusal for protected routes without the token; it asks for a bearer token (RFC 6750). */
    Optional<Refusal> checkToken(Http1Head request) {
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(authorization.substring(7).strip())) {
            return Optional.empty();
        }
        String cookies = request.header("Cookie");
        if (cookies != null) {
            for (String cookie : cookies.split("[;,]")) {
                int equals = cookie.indexOf('=');
                if (equals > 0 && cookie.substring(0, equals).strip().equals(cookieName())
                        && matches(cookie.substring(equals + 1).strip())) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Refusal(401,
                "Unauthorized: send Authorization: Bearer <token> (the launch token; see the sidecar's output)",
                Map.of("WWW-Authenticate", "Bearer")));
    }

    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
    }

    private boolean ownOrigin(String origin) {
        Optional<RequestGuard.Origin> parsed = RequestGuard.Origin.parse(origin);
        return parsed.isPresent() && parsed.get().scheme().equals("http") && parsed.get().port() == port.getAsInt();
    }
}
