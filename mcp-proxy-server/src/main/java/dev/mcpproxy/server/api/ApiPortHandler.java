package dev.mcpproxy.server.api;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.mcpproxy.server.http1.Http1Exchange;
import dev.mcpproxy.server.http1.Http1Head;
import dev.mcpproxy.server.http1.Http1Request;
import dev.mcpproxy.server.http1.Http1Server;
import dev.mcpproxy.server.http1.Http1Server.Refusal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The management port: the REST routes, the event streams and the UI's entry. Every request is checked at its head
 * (Host, Origin, the route, then the token on protected routes) and then run on a virtual thread of its own, where
 * it may block.
 */
final class ApiPortHandler implements Http1Server.Handler {

    private static final System.Logger LOG = System.getLogger("mcp-proxy.api");

    /**
     * Routes whose last parameter takes the rest of the path, slashes included: a secret's name may have slashes
     * ({@code oauth/<server>/tokens}), and the HTTP layer refuses an encoded one ({@code %2F}).
     */
    private static final Set<String> TAIL_PARAMETER_ROUTES = Set.of("/api/secrets/{name}");

    private final ApiAccess access;
    private final List<ManagementApi.Route> routes = new ArrayList<>();

    ApiPortHandler(ApiAccess access, ManagementApi api, EventStreams streams) {
        this.access = access;
        routes.addAll(api.routes());
        routes.add(new ManagementApi.Route("GET", "/api/events", true, streams::serverSentEvents));
        routes.add(new ManagementApi.Route("GET", "/ws", true, streams::webSocket));
        List<String> served = routes.stream().map(r -> r.method() + " " + r.path()).toList();
        if (!served.equals(ApiRoutes.ALL)) {
            throw new IllegalStateException("ApiRoutes.ALL does not list the routes served: " + served);
        }
    }

    /**
     * Host and Origin on every request, then the route, then the token on protected routes: all before anything of
     * a body is read, so that nobody without the token can make the port hold a byte of theirs.
     */
    @Override
    public Optional<Refusal> admit(Http1Head head) {
        Optional<Refusal> refusal = access.checkOrigin(head);
        if (refusal.isPresent() || isEntry(head)) {
            return refusal;
        }
        if (isUi(head.path())) {
            // The UI's files hold no secret (what it shows comes from the API, which asks for the token).
            return head.method().equals("GET") || head.method().equals("HEAD") ? Optional.empty()
                    : Optional.of(new Refusal(405, "Method " + head.method() + " is not allowed on " + head.path(),
                            Map.of("Allow", "GET, HEAD")));
        }
        return switch (resolve(head, new HashMap<>())) {
            case Resolved.Found found when found.route().protectedRoute() -> access.checkToken(head);
            case Resolved.Found found -> Optional.empty();
            case Resolved.Refused refused -> Optional.of(refused.refusal());
        };
    }

    @Override
    public void handle(Http1Request request, Http1Exchange response) {
        if (isEntry(request)) {
            entry(request, response);
            return;
        }
        if (isUi(request.path())) {
            ui(request, response);
            return;
        }
        Map<String, String> parameters = new HashMap<>();
        switch (resolve(request, parameters)) {
            case Resolved.Found found -> {
                ApiExchange exchange = new ApiExchange(request, response, Map.copyOf(parameters));
                Thread.ofVirtual().name("api").start(() -> run(found.route(), exchange));
            }
            case Resolved.Refused refused -> refuse(response, refused.refusal());
        }
    }

    /** What a request's method and path name: a route (its parameters put in {@code parameters}), or 404 / 405. */
    private sealed interface Resolved {
        record Found(ManagementApi.Route route) implements Resolved {
        }

        record Refused(Refusal refusal) implements Resolved {
        }
    }

    private Resolved resolve(Http1Head head, Map<String, String> parameters) {
        String path = head.path();
        boolean pathKnown = false;
        for (ManagementApi.Route route : routes) {
            if (match(route.path(), path, parameters)) {
                pathKnown = true;
                if (route.method().equals(head.method())) {
                    return new Resolved.Found(route);
                }
            }
        }
        return new Resolved.Refused(pathKnown
                ? new Refusal(405, "Method " + head.method() + " is not allowed on " + path)
                : new Refusal(404, "Not found: " + path + " (the API is described at /api/openapi.json)"));
    }

    /** {@code GET /?token=…}: the address the sidecar prints, which turns the token into the page's cookie. */
    private static boolean isEntry(Http1Head head) {
        return head.path().equals("/") && head.method().equals("GET") && head.query() != null
                && head.query().contains("token=");
    }

    /** Every path that is not the API's belongs to the UI: its files, or its own routes. */
    private static boolean isUi(String path) {
        return !(path.equals("/api") || path.startsWith("/api/") || path.equals("/ws") || path.equals("/metrics")
                || path.equals("/health") || path.equals(SignInRoutes.CALLBACK_PATH));
    }

    private static void ui(Http1Request request, Http1Exchange response) {
        WebUi ui = WebUi.bundled();
        if (ui.isEmpty()) {
            json(response, 404, error("No UI is bundled with this build; the API is described at /api/openapi.json"));
            return;
        }
        WebUi.File file = ui.resolve(request.path());
        if (file == null) {
            WebUi.securityHeaders(response);
            response.respond(404, "text/plain; charset=utf-8",
                    ("Not found: " + request.path() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        WebUi.send(file, request, response);
    }

    @Override
    public byte[] errorBody(String message) {
        return Json.writeBytes(error(message));
    }

    static void json(Http1Exchange response, int status, JsonNode body) {
        response.respond(status, "application/json", Json.writeBytes(body));
    }

    private static void run(ManagementApi.Route route, ApiExchange exchange) {
        try {
            route.action().run(exchange);
        } catch (ApiError e) {
            ObjectNode body = error(e.getMessage());
            if (e.details != null) {
                body.set("problems", e.details);
            }
            exchange.json(e.status, body);
        } catch (Exception | Error e) {
            // An Error too (a linkage error, a stack overflow): the request must be answered, never left to time out.
            LOG.log(Level.ERROR, route.method() + " " + route.path() + " failed", e);
            exchange.json(500,
                    error("Internal error: " + e.getClass().getSimpleName() + "; the proxy's log (/api/logs/_proxy) "
                            + "has the details"));
        }
    }

    /**
     * {@code GET /?token=T}: the URL the desktop and the terminal open. A right token becomes an HttpOnly,
     * SameSite=Strict cookie and the browser is sent on to {@code /}, so the token leaves the address bar; a wrong
     * one (an address from an earlier launch) is sent on without it, to the page that says where to go.
     */
    private void entry(Http1Request request, Http1Exchange response) {
        String token = request.queryParameter("token");
        if (token != null && access.matches(token)) {
            if (!token.matches("[A-Za-z0-9._~+/=-]+")) {
                // A launch token chosen by hand may hold what a cookie cannot carry unquoted.
                json(response, 400, error("This launch token cannot be kept in a cookie; send it as "
                        + "Authorization: Bearer <token>"));
                return;
            }
            response.header("Set-Cookie", access.cookieName() + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        }
        WebUi.securityHeaders(response);
        response.header("Location", "/");
        response.respond(303, null, null);
    }

    /** Whether {@code path} fits {@code pattern}; {@code {x}} segments match one non-empty segment each. */
    private static boolean match(String pattern, String path, Map<String, String> parameters) {
        parameters.clear();
        String[] want = pattern.split("/", -1);
        String[] have = path.split("/", -1);
        if (TAIL_PARAMETER_ROUTES.contains(pattern) && have.length > want.length) {
            String[] joined = Arrays.copyOf(have, want.length);
            joined[want.length - 1] = String.join("/", Arrays.copyOfRange(have, want.length - 1, have.length));
            have = joined;
        }
        if (want.length != have.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (have[i].isEmpty()) {
                    return false;
                }
                parameters.put(want[i].substring(1, want[i].length() - 1), have[i]);
            } else if (!want[i].equals(have[i])) {
                return false;
            }
        }
        return true;
    }

    private static void refuse(Http1Exchange response, Refusal refusal) {
        refusal.headers().forEach(response::header);
        json(response, refusal.status(), error(refusal.message()));
    }

    private static ObjectNode error(String message) {
        return Json.object().put("error", message);
    }
}
