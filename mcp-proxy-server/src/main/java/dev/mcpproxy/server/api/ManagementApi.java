package dev.mcpproxy.server.api;

import dev.mcpproxy.core.LiveConfig;
import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.router.ProfileEndpoint;
import dev.mcpproxy.core.secrets.SecretStore;
import dev.mcpproxy.core.supervisor.ServerSupervisor;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import dev.mcpproxy.shared.OperatingSystem;
import dev.mcpproxy.server.clients.ProxyAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The REST routes of the management port, in one table. Each route is a method, a path with {@code {name}}
 * parameters and an action, which {@link ServerRoutes}, {@link TryCallRoute}, {@link ConfigRoutes},
 * {@link ActivityRoutes}, {@link ContextCostRoute}, {@link ClientRoutes} and {@link SecretRoutes} hold;
 * {@link ApiRoutes#ALL} is the list {@code /api/openapi.json} describes, which a test holds them to.
 */
final class ManagementApi {

    /** One route: whether it needs the token, and what it does. */
    record Route(String method, String path, boolean protectedRoute, Action action) {
    }

    @FunctionalInterface
    interface Action {
        void run(ApiExchange exchange) throws ApiError, IOException;
    }

    private final ServerRoutes servers;
    private final TryCallRoute tryCall;
    private final ConfigRoutes config;
    private final ActivityRoutes activity;
    private final ContextCostRoute contextCost;
    private final ProfileRoutes profiles;
    private final ClientRoutes clients;
    private final SignInRoutes signIns;
    private final SecretRoutes secrets;
    private final byte[] openApi;

    /** @param proxyAddress where clients reach the proxy, for the snippets and entries of "connect a client" */
    ManagementApi(ProxyRuntime runtime, LiveConfig liveConfig, Supplier<ProxyAddress> proxyAddress,
            SecretStore secretStore, IntSupplier boundPort) {
        this.servers = new ServerRoutes(runtime, liveConfig);
        this.tryCall = new TryCallRoute(runtime, servers);
        this.config = new ConfigRoutes(liveConfig);
        this.activity = new ActivityRoutes(runtime, servers);
        this.contextCost = new ContextCostRoute(runtime);
        this.profiles = new ProfileRoutes(runtime, contextCost, proxyAddress);
        this.clients = new ClientRoutes(proxyAddress,
                name -> runtime.profileEndpoint(name).map(ProfileEndpoint::profile), OperatingSystem.current(),
                System.getenv());
        this.signIns = new SignInRoutes(servers, secretStore, boundPort);
        this.secrets = new SecretRoutes(secretStore);
        try (InputStream in = ManagementApi.class.getResourceAsStream("openapi.json")) {
            this.openApi = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("openapi.json is missing from the build", e);
        }
    }

    /** The REST routes; {@code /api/events} and {@code /ws} are added by {@link EventStreams}. */
    List<Route> routes() {
        return List.of(
                new Route("GET", "/health", false, servers::health),
                new Route("GET", "/api/servers", true, servers::listServers),
                new Route("POST", "/api/servers", true, servers::addServer),
                new Route("GET", "/api/servers/{name}", true, servers::showServer),
                new Route("DELETE", "/api/servers/{name}", true, servers::removeServer),
                new Route("POST", "/api/servers/{name}/start", true, e -> servers.act(e, ServerSupervisor::start)),
                new Route("POST", "/api/servers/{name}/stop", true, e -> servers.act(e, ServerSupervisor::stop)),
                new Route("POST", "/api/servers/{name}/restart", true,
                        e -> servers.act(e, ServerSupervisor::restart)),
                new Route("POST", "/api/servers/{name}/call", true, tryCall::call),
                new Route("POST", "/api/servers/{name}/sign-in", true, signIns::signIn),
                new Route("GET", SignInRoutes.CALLBACK_PATH, false, signIns::callback),
                new Route("GET", "/api/logs/{server}", true, activity::logs),
                new Route("GET", "/api/config", true, config::showConfig),
                new Route("PUT", "/api/config", true, config::replaceConfig),
                new Route("POST", "/api/config/validate", true, config::validateConfig),
                new Route("POST", "/api/import", true, config::importServers),
                new Route("GET", "/api/examples", true, ExampleConfigs::show),
                new Route("GET", "/api/calls", true, activity::calls),
                new Route("GET", "/api/calls/{id}", true, activity::call),
                new Route("GET", "/api/context-cost", true, contextCost::show),
                new Route("GET", "/api/profiles", true, profiles::list),
                new Route("GET", "/api/clients", true, clients::list),
                new Route("POST", "/api/clients/{id}/connect", true, clients::connect),
                new Route("POST", "/api/clients/{id}/undo", true, clients::undo),
                new Route("GET", "/api/secrets", true, secrets::list),
                new Route("PUT", "/api/secrets/{name}", true, secrets::put),
                new Route("DELETE", "/api/secrets/{name}", true, secrets::delete),
                new Route("GET", "/api/openapi.json", true, e -> e.text(200, "application/json",
                        new String(openApi, StandardCharsets.UTF_8))),
                new Route("GET", "/metrics", true, activity::metrics));
    }
}
