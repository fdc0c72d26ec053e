package dev.mcpproxy.server.api;

import dev.mcpproxy.core.config.ProfileConfig;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import dev.mcpproxy.server.clients.ClientApp;
import dev.mcpproxy.server.clients.ClientConfigFile;
import dev.mcpproxy.server.clients.ClientConfigFile.ClientFileException;
import dev.mcpproxy.server.clients.KnownClients;
import dev.mcpproxy.shared.OperatingSystem;
import dev.mcpproxy.server.clients.ProxyAddress;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * "Connect a client": the clients with their snippets and files, the connect that writes this proxy's entry into
 * a client's file (previewed first), and its undo. The files are found from the sidecar's environment ({@code HOME},
 * {@code XDG_CONFIG_HOME}, {@code APPDATA}), so that a sidecar given another home edits the files there. With
 * {@code ?profile=NAME}, each of these is for that profile's endpoint and token instead of the aggregate's; the
 * entry keeps its name, so a client is connected to one of them at a time.
 */
final class ClientRoutes {

    private final Supplier<ProxyAddress> address;
    private final Function<String, Optional<ProfileConfig>> profiles;
    private final OperatingSystem os;
    private final Map<String, String> environment;
    /** One edit at a time per client: a connect and an undo of the same file must not interleave. */
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** @param address where clients reach this proxy, known once the MCP port is bound */
    ClientRoutes(Supplier<ProxyAddress> address, Function<String, Optional<ProfileConfig>> profiles,
                 OperatingSystem os, Map<String, String> environment) {
        this.address = address;
        this.profiles = profiles;
        this.os = os;
        this.environment = Map.copyOf(environment);
    }

    /** Where the client is to connect: the aggregate, or the profile the request names. */
    private ProxyAddress address(ApiExchange exchange) throws ApiError {
        ProxyAddress proxy = address.get();
        Optional<String> name = exchange.query("profile");
        if (name.isEmpty()) {
            return proxy;
        }
        ProfileConfig profile = profiles.apply(name.get()).orElseThrow(() -> new ApiError(404,
                "No profile \"" + name.get() + "\"; GET /api/profiles lists them"));
        return proxy.forProfile(profile.name(), profile.token().or(proxy::authToken));
    }

    void list(ApiExchange exchange) throws ApiError {
        ProxyAddress proxy = address(exchange);
        ArrayNode clients = Json.array();
        for (ClientApp app : KnownClients.all(proxy, os, environment)) {
            ObjectNode client = clients.addObject().put("id", app.id()).put("name", app.name());
            if (app.file().isEmpty()) {
                client.putNull("path").put("exists", false).put("connected", false).put("snippet", app.snippet())
                        .putNull("backup").put("can_undo", false).putNull("problem");
                continue;
            }
            ClientConfigFile file = new ClientConfigFile(app);
            ClientConfigFile.Status status;
            synchronized (lock(app)) {
                status = file.status(proxy.mcpUrl());
            }
            client.put("path", app.file().get().toString()).put("exists", status.exists())
                    .put("connected", status.connected()).put("snippet", app.snippet())
                    .put("backup", file.backup().toString()).put("can_undo", status.canUndo())
                    .put("problem", status.problem().orElse(null));
        }
        exchange.json(200, Json.object().set("clients", clients));
    }

    void connect(ApiExchange exchange) throws ApiError, IOException {
        boolean apply = ApiExchange.flag(exchange.jsonObject(Set.of("apply")), "apply");
        ClientApp app = withFile(exchange, address(exchange));
        ClientConfigFile.Change change;
        synchronized (lock(app)) {
            change = editing(app, () -> new ClientConfigFile(app).connect(apply));
        }
        exchange.json(200, Json.object().put("id", app.id()).put("path", app.file().get().toString())
                .put("existed", change.existed()).put("before", change.before()).put("after", change.after())
                .put("diff", change.diff()).put("changed", change.changed()).put("applied", change.applied())
                .put("backup", change.backup().map(Path::toString).orElse(null)));
    }

    void undo(ApiExchange exchange) throws ApiError, IOException {
        ClientApp app = withFile(exchange, address.get());
        ClientConfigFile.Undo undo;
        synchronized (lock(app)) {
            undo = editing(app, () -> new ClientConfigFile(app).undo());
        }
        exchange.json(200, Json.object().put("id", app.id()).put("path", app.file().get().toString())
                .put("restored", undo.restored()).put("removed", undo.removed()));
    }

    private ClientApp withFile(ApiExchange exchange, ProxyAddress proxy) throws ApiError {
        String id = exchange.path("id");
        List<ClientApp> apps = KnownClients.all(proxy, os, environment);
        ClientApp app = apps.stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new ApiError(404, "No client \"" + id + "\"; the clients are "
                        + apps.stream().map(ClientApp::id).collect(Collectors.joining(", "))));
        if (app.file().isEmpty()) {
            throw new ApiError(409, app.name() + " has no configuration file this proxy knows; paste its snippet "
                    + "where that client takes its MCP servers");
        }
        return app;
    }

    private Object lock(ClientApp app) {
        return locks.computeIfAbsent(app.id(), id -> new Object());
    }

    @FunctionalInterface
    private interface Edit<T> {
        T run() throws ClientFileException, IOException;
    }

    /** A file that cannot be parsed is a 422 (and untouched); one the edit cannot be made to yet, a 409. */
    private static <T> T editing(ClientApp app, Edit<T> edit) throws ApiError {
        try {
            return edit.run();
        } catch (ClientFileException e) {
            throw new ApiError(e.malformed() ? 422 : 409, e.getMessage());
        } catch (IOException e) {
            // The file is replaced by the edit's last step, a move: when anything fails, it is as it was.
            throw new ApiError(500, "Could not change " + app.name() + "'s file " + app.file().orElseThrow() + " ("
                    + (e instanceof AccessDeniedException ? "permission denied" : e.getMessage())
                    + "); it is as it was");
        }
    }
}
