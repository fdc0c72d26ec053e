package dev.mcpproxy.server.api;

import dev.mcpproxy.core.ConfigChange;
import dev.mcpproxy.core.LiveConfig;
import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.router.ListKind;
import dev.mcpproxy.core.supervisor.ServerStatus;
import dev.mcpproxy.core.supervisor.ServerSupervisor;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import dev.mcpproxy.shared.ServerState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The routes of the servers: {@code /health}, the list and each server's detail, start, stop and restart, and a
 * server added or removed (which changes the configuration file).
 */
final class ServerRoutes {

    /** What a server name in a path may be: the configuration's rule, so no traversal or odd bytes get through. */
    private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Set<String> SERVER_FIELDS = Set.of("name", "transport", "command", "args", "env", "cwd",
            "url", "headers", "enabled", "restart", "tools", "prefix", "request_timeout", "oauth");

    private final ProxyRuntime runtime;
    private final LiveConfig config;

    ServerRoutes(ProxyRuntime runtime, LiveConfig config) {
        this.runtime = runtime;
        this.config = config;
    }

    /**
     * 200 once both ports listen. {@code ready} says whether every server meant to run is usable (its tools listed):
     * what the desktop and scripts wait for after the sidecar is up, since the servers start beside the sidecar.
     */
    void health(ApiExchange exchange) {
        List<ServerStatus> all = runtime.supervisors().stream().map(ServerSupervisor::status).toList();
        long running = all.stream().filter(ServerRoutes::up).count();
        long stopped = all.stream().filter(status -> status.state() == ServerState.STOPPED).count();
        long failed = all.stream().filter(status -> status.state() == ServerState.FAILED).count();
        long signIn = all.stream().filter(status -> status.state() == ServerState.NEEDS_SIGN_IN).count();
        ObjectNode body = Json.object().put("status", "ok").put("ready", running + stopped == all.size());
        body.putObject("servers").put("total", all.size()).put("running", running)
                .put("starting", all.size() - running - stopped - failed - signIn).put("failed", failed)
                .put("needs_sign_in", signIn);
        exchange.json(200, body);
    }

    /** Whether a server is up: running, its health checks passing or not. */
    static boolean up(ServerStatus status) {
        return status.state() == ServerState.RUNNING || status.state() == ServerState.UNHEALTHY;
    }

    void listServers(ApiExchange exchange) {
        ArrayNode servers = Json.array();
        runtime.supervisors().forEach(s -> servers.add(summary(s)));
        exchange.json(200, servers);
    }

    void showServer(ApiExchange exchange) throws ApiError {
        ServerSupervisor supervisor = supervisor(exchange.path("name"));
        ObjectNode detail = summary(supervisor);
        for (ListKind kind : ListKind.values()) {
            detail.putRawValue(snake(kind.field),
                    runtime.aggregate().catalog().serverList(supervisor.name(), kind).asJsonValue());
        }
        runtime.live(supervisor.name()).ifPresent(live -> {
            detail.set("server_info", live.initializeResult().path("serverInfo"));
            detail.set("capabilities", live.capabilities());
        });
        exchange.json(200, detail);
    }

    private ObjectNode summary(ServerSupervisor supervisor) {
        ServerConfig server = supervisor.config();
        ServerStatus status = supervisor.status();
        ObjectNode json = Json.object().put("name", server.name()).put("transport", server.transport().yamlName())
                .put("enabled", server.enabled()).put("state", status.state().wireName());
        if (status.pid().isPresent()) {
            json.put("pid", status.pid().getAsLong());
        } else {
            json.putNull("pid");
        }
        if (status.runningSince().isPresent()) {
            json.put("uptime_s", Duration.between(status.runningSince().get(), Instant.now()).toSeconds());
        } else {
            json.putNull("uptime_s");
        }
        json.put("restarts", status.restarts());
        for (ListKind kind : ListKind.values()) {
            json.put(snake(kind.field) + "_count", runtime.aggregate().catalog().count(server.name(), kind));
        }
        json.put("health", switch (status.state()) {
            case RUNNING -> "ok";
            case UNHEALTHY -> "failing";
            default -> "unknown";
        });
        if (status.lastError().isPresent()) {
            json.put("last_error", status.lastError().get());
        } else {
            json.putNull("last_error");
        }
        json.put("prefix", server.prefix());
        json.put("sign_in_url", SignInRoutes.startPath(supervisor));
        return json;
    }

    private static String snake(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    void act(ApiExchange exchange, Consumer<ServerSupervisor> action) throws ApiError {
        ServerSupervisor supervisor = supervisor(exchange.path("name"));
        action.accept(supervisor);
        exchange.json(200, summary(supervisor));
    }

    ServerSupervisor supervisor(String name) throws ApiError {
        if (!SERVER_NAME.matcher(name).matches()) {
            throw new ApiError(400, "Not a server name: letters, digits, - and _ only");
        }
        return runtime.supervisor(name).orElseThrow(() -> new ApiError(404, "No server named " + name));
    }

    void addServer(ApiExchange exchange) throws ApiError, IOException {
        ObjectNode body = exchange.jsonObject(SERVER_FIELDS);
        String name = ApiExchange.text(body, "name", true);
        if (!SERVER_NAME.matcher(name).matches()) {
            throw new ApiError(400, "name must be 1 to 64 letters, digits, - or _, starting with a letter or digit");
        }
        if (runtime.supervisor(name).isPresent()) {
            throw new ApiError(409, "A server named " + name + " exists already; remove it first or pick a name");
        }
        Map<String, Object> entry = Json.toMap(body);
        ConfigChange change = ConfigRoutes.applying(() -> config.addServer(entry));
        ObjectNode answer = summary(supervisor(name));
        answer.set("change", ProxyRuntime.changeJson(change));
        exchange.json(201, answer);
    }

    void removeServer(ApiExchange exchange) throws ApiError, IOException {
        String name = supervisor(exchange.path("name")).name();
        ConfigChange change = ConfigRoutes.applying(() -> config.removeServer(name));
        exchange.json(200, Json.object().put("removed", name).set("change", ProxyRuntime.changeJson(change)));
    }
}
