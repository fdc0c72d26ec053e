package dev.mcpproxy.server.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

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
    Optional<RequestGuard.Refusal> checkOrigin(Request request) {
        Optional<RequestGuard.Refusal> refusal = hostAndOrigin.check(request.getHeaders()::get);
        if (refusal.isPresent()) {
            return refusal;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !ownOrigin(origin)) {
            return Optional.of(new RequestGuard.Refusal(403,
                    "Forbidden: only the management UI's own page may call this API"));
        }
        return Optional.empty();
    }

    /** A refusal for protected routes without the token. */
    Optional<RequestGuard.Refusal> checkToken(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(authorization.substring(7).strip())) {
            return Optional.empty();
        }
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(cookieName()) && matches(cookie.getValue())) {
                return Optional.empty();
            }
        }
        return Optional.of(new RequestGuard.Refusal(401,
                "Unauthorized: send Authorization: Bearer <token> (the launch token; see the sidecar's output)"));
    }

    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
    }

    private boolean ownOrigin(String origin) {
        try {
            URI uri = URI.create(origin);
            return "http".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() == port.getAsInt();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
