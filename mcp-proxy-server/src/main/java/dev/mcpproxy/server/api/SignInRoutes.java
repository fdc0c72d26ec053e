package dev.mcpproxy.server.api;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.config.Transport;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.secrets.SecretReferences;
import dev.mcpproxy.core.secrets.SecretStore;
import dev.mcpproxy.core.supervisor.ServerSupervisor;
import dev.mcpproxy.core.upstream.auth.SignInException;
import dev.mcpproxy.core.upstream.auth.SignIns;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import dev.mcpproxy.shared.ServerState;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.function.IntSupplier;

/**
 * Signing in to remote servers: {@code POST /api/servers/{name}/sign-in} answers the URL for the user's browser,
 * and the browser comes back to {@code GET /oauth/callback} on this port, which needs no launch token (the state the
 * proxy made is the callback's credential), stores the tokens, and starts the server.
 */
final class SignInRoutes {

    static final String CALLBACK_PATH = "/oauth/callback";
    private static final System.Logger LOG = System.getLogger("mcp-proxy.api");

    private final ServerRoutes servers;
    private final SecretStore secrets;
    private final IntSupplier boundPort;
    private volatile SignIns signIns;

    /** @param boundPort the api port once bound, where the browser is sent back to */
    SignInRoutes(ServerRoutes servers, SecretStore secrets, IntSupplier boundPort) {
        this.servers = servers;
        this.secrets = secrets;
        this.boundPort = boundPort;
    }

    void signIn(ApiExchange exchange) throws ApiError {
        ServerSupervisor supervisor = servers.supervisor(exchange.path("name"));
        ServerConfig config = supervisor.config();
        if (config.transport() == Transport.STDIO || config.url().isEmpty()) {
            throw new ApiError(400, config.name() + " is a local server; only streamable-http and sse servers sign in");
        }
        try {
            URI url = signIns().start(config.name(), config.url().get(), new SecretReferences(secrets)
                    .resolve(config.oauth()), supervisor.signInChallenge());
            exchange.json(200, Json.object().put("url", url.toString()));
        } catch (SignInException e) {
            throw new ApiError(502, e.getMessage());
        } catch (SecretReferences.MissingSecretException e) {
            throw new ApiError(409, config.name() + "'s " + e.getMessage());
        }
    }

    void callback(ApiExchange exchange) {
        String query = exchange.request.query();
        URI answer = URI.create(signIns().redirectUri() + (query == null ? "" : "?" + query));
        try {
            String name = signIns().complete(answer);
            servers.supervisor(name).start();
            exchange.text(200, "text/html; charset=utf-8", page("Signed in to " + name + ", you can close this tab."));
        } catch (SignInException e) {
            LOG.log(Level.WARNING, "A sign-in failed: " + e.getMessage());
            exchange.text(400, "text/html; charset=utf-8", page("Sign-in failed: " + e.getMessage()));
        } catch (ApiError e) {
            exchange.text(404, "text/html; charset=utf-8", page("Signed in, but " + e.getMessage()));
        }
    }

    /** The route that starts a sign-in, shown with a server that waits for one. */
    static String startPath(ServerSupervisor supervisor) {
        return supervisor.status().state() == ServerState.NEEDS_SIGN_IN
                ? "/api/servers/" + supervisor.name() + "/sign-in" : null;
    }

    private SignIns signIns() {
        SignIns made = signIns;
        if (made == null) {
            synchronized (this) {
                if (signIns == null) {
                    signIns = new SignIns(secrets, URI.create("http://127.0.0.1:" + boundPort.getAsInt() + CALLBACK_PATH));
                }
                made = signIns;
            }
        }
        return made;
    }

    private static String page(String message) {
        String text = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>MCP Proxy sign-in</title></head>"
                + "<body><p>" + text + "</p></body></html>";
    }
}
