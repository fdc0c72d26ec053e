package dev.mcpproxy.server.api;

import dev.mcpproxy.core.ConfigChange;
import dev.mcpproxy.core.LiveConfig;
import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.calls.CompletedCall;
import dev.mcpproxy.core.calls.Metrics;
import dev.mcpproxy.core.config.ClientConfigImport;
import dev.mcpproxy.core.config.ConfigEditor;
import dev.mcpproxy.core.config.ConfigException;
import dev.mcpproxy.core.config.ConfigProblem;
import dev.mcpproxy.core.config.LoadedConfig;
import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.process.LogLine;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.router.ListKind;
import dev.mcpproxy.core.supervisor.ServerStatus;
import dev.mcpproxy.core.supervisor.ServerSupervisor;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import dev.mcpproxy.shared.ServerState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * The REST routes of the management port. Each route is a method, a path with {@code {name}} parameters and an
 * action; {@link ApiRoutes#ALL} is the list {@code /api/openapi.json} describes, which a test holds them to.
 */
final class ManagementApi {

    /** What a server name in a path may be: the configuration's rule, so no traversal or odd bytes get through. */
    private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final int MAX_LOG_LINES = 10_000;
    private static final int MAX_CALLS = 1000;

    /** One route: whether it needs the token, and what it does. */
    record Route(String method, String path, boolean protectedRoute, Action action) {
    }

    @FunctionalInterface
    interface Action {
        void run(ApiExchange exchange) throws ApiError, IOException;
    }

    private final ProxyRuntime runtime;
    private final LiveConfig config;
    private final byte[] openApi;

    ManagementApi(ProxyRuntime runtime, LiveConfig config) {
        this.runtime = runtime;
        this.config = config;
        try (InputStream in = ManagementApi.class.getResourceAsStream("openapi.json")) {
            this.openApi = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("openapi.json is missing from the build", e);
        }
    }

    /** The REST routes; {@code /api/events} and {@code /ws} are added by {@link EventStreams}. */
    List<Route> routes() {
        return List.of(
                new Route("GET", "/health", false, this::health),
                new Route("GET", "/api/servers", true, this::listServers),
                new Route("POST", "/api/servers", true, this::addServer),
                new Route("GET", "/api/servers/{name}", true, this::showServer),
                new Route("DELETE", "/api/servers/{name}", true, this::removeServer),
                new Route("POST", "/api/servers/{name}/start", true, e -> act(e, ServerSupervisor::start)),
                new Route("POST", "/api/servers/{name}/stop", true, e -> act(e, ServerSupervisor::stop)),
                new Route("POST", "/api/servers/{name}/restart", true, e -> act(e, ServerSupervisor::restart)),
                new Route("GET", "/api/logs/{server}", true, this::logs),
                new Route("GET", "/api/config", true, this::showConfig),
                new Route("PUT", "/api/config", true, this::replaceConfig),
                new Route("POST", "/api/config/validate", true, this::validateConfig),
                new Route("POST", "/api/import", true, this::importServers),
                new Route("GET", "/api/calls", true, this::calls),
                new Route("GET", "/api/openapi.json", true, e -> e.text(200, "application/json",
                        new String(openApi, StandardCharsets.UTF_8))),
                new Route("GET", "/metrics", true, this::metrics));
    }

    /**
     * 200 once both ports listen. {@code ready} says whether every server meant to run is usable (its tools listed):
     * what the desktop and scripts wait for after the sidecar is up, since the servers start beside the sidecar.
     */
    private void health(ApiExchange exchange) {
        List<ServerStatus> all = runtime.supervisors().stream().map(ServerSupervisor::status).toList();
        long running = all.stream().filter(ManagementApi::up).count();
        long stopped = all.stream().filter(status -> status.state() == ServerState.STOPPED).count();
        long failed = all.stream().filter(status -> status.state() == ServerState.FAILED).count();
        ObjectNode body = Json.object().put("status", "ok").put("ready", running + stopped == all.size());
        body.putObject("servers").put("total", all.size()).put("running", running)
                .put("starting", all.size() - running - stopped - failed).put("failed", failed);
        exchange.json(200, body);
    }

    private static boolean up(ServerStatus status) {
        return status.state() == ServerState.RUNNING || status.state() == ServerState.UNHEALTHY;
    }

    private void listServers(ApiExchange exchange) {
        ArrayNode servers = Json.array();
        runtime.supervisors().forEach(s -> servers.add(summary(s)));
        exchange.json(200, servers);
    }

    private void showServer(ApiExchange exchange) throws ApiError {
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
        return json;
    }

    private static String snake(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private void act(ApiExchange exchange, java.util.function.Consumer<ServerSupervisor> action) throws ApiError {
        ServerSupervisor supervisor = supervisor(exchange.path("name"));
        action.accept(supervisor);
        exchange.json(200, summary(supervisor));
    }

    private ServerSupervisor supervisor(String name) throws ApiError {
        if (!SERVER_NAME.matcher(name).matches()) {
            throw new ApiError(400, "Not a server name: letters, digits, - and _ only");
        }
        return runtime.supervisor(name).orElseThrow(() -> new ApiError(404, "No server named " + name));
    }

    private static final Set<String> SERVER_FIELDS = Set.of("name", "transport", "command", "args", "env", "cwd",
            "url", "headers", "enabled", "restart", "tools", "prefix", "request_timeout");

    private void addServer(ApiExchange exchange) throws ApiError, IOException {
        ObjectNode body = exchange.jsonObject(SERVER_FIELDS);
        String name = ApiExchange.text(body, "name", true);
        if (!SERVER_NAME.matcher(name).matches()) {
            throw new ApiError(400, "name must be 1 to 64 letters, digits, - or _, starting with a letter or digit");
        }
        if (runtime.supervisor(name).isPresent()) {
            throw new ApiError(409, "A server named " + name + " exists already; remove it first or pick a name");
        }
        Map<String, Object> entry = Json.toMap(body);
        ConfigChange change = applying(() -> config.addServer(entry));
        ObjectNode answer = summary(supervisor(name));
        answer.set("change", ProxyRuntime.changeJson(change));
        exchange.json(201, answer);
    }

    private void removeServer(ApiExchange exchange) throws ApiError, IOException {
        String name = supervisor(exchange.path("name")).name();
        ConfigChange change = applying(() -> config.removeServer(name));
        exchange.json(200, Json.object().put("removed", name).set("change", ProxyRuntime.changeJson(change)));
    }

    private void logs(ApiExchange exchange) throws ApiError {
        String server = exchange.path("server");
        LogRing ring;
        if (server.equals(ProxyRuntime.PROXY_LOG)) {
            ring = runtime.proxyLog();
        } else {
            ring = supervisor(server).logs();
        }
        int lines = exchange.queryInt("lines", 100, MAX_LOG_LINES);
        Optional<String> since = exchange.query("since");
        List<LogLine> selected = since.isPresent() ? ring.since(exchange.queryLong("since", 0)) : ring.tail(lines);
        if (since.isPresent() && selected.size() > lines) {
            selected = selected.subList(0, lines);
        }
        ArrayNode array = Json.array();
        selected.forEach(line -> array.addRawValue(new RawValue(line.json())));
        ObjectNode body = Json.object().put("server", server);
        body.set("lines", array);
        body.put("next", selected.isEmpty() ? exchange.queryLong("since", 0) : selected.getLast().seq() + 1);
        exchange.json(200, body);
    }

    private void showConfig(ApiExchange exchange) throws IOException {
        exchange.json(200, Json.object().put("path", config.file().path().toString()).put("yaml", config.text())
                .put("backup", config.file().backup().toString()));
    }

    private void replaceConfig(ApiExchange exchange) throws ApiError, IOException {
        String yaml = ApiExchange.text(exchange.jsonObject(Set.of("yaml")), "yaml", true);
        ConfigChange change = applying(() -> config.replace(yaml));
        exchange.json(200, Json.object().set("change", ProxyRuntime.changeJson(change)));
    }

    private void validateConfig(ApiExchange exchange) throws ApiError {
        String yaml = ApiExchange.text(exchange.jsonObject(Set.of("yaml")), "yaml", true);
        ObjectNode body = Json.object();
        try {
            LoadedConfig loaded = config.validate(yaml);
            body.put("valid", true);
            ArrayNode warnings = body.putArray("warnings");
            loaded.warnings().forEach(warnings::add);
        } catch (ConfigException e) {
            body.put("valid", false);
            body.set("problems", problems(e));
        }
        exchange.json(200, body);
    }

    private void importServers(ApiExchange exchange) throws ApiError, IOException {
        ObjectNode body = exchange.jsonObject(Set.of("json", "apply"));
        JsonNode source = body.get("json");
        if (source == null || !(source.isString() || source.isObject())) {
            throw new ApiError(400, "Field \"json\" must hold the client's configuration: an object or its text");
        }
        boolean apply = ApiExchange.flag(body, "apply");
        String text = source.isString() ? source.asString() : Json.write(source);
        ClientConfigImport.Result imported;
        String merged;
        try {
            imported = ClientConfigImport.convert(text, java.nio.file.Path.of("import.json"));
            merged = config.previewAppend(imported.yaml());
        } catch (ConfigException e) {
            throw new ApiError(422, "The import does not make a valid configuration", problems(e));
        }
        ObjectNode answer = Json.object().put("yaml", imported.yaml()).put("merged", merged);
        ArrayNode names = answer.putArray("servers");
        try {
            ConfigEditor.serverNames(imported.yaml()).forEach(names::add);
        } catch (ConfigException e) {
            throw new ApiError(422, "The import does not make a valid configuration", problems(e));
        }
        ArrayNode warnings = answer.putArray("warnings");
        imported.warnings().forEach(warnings::add);
        if (apply) {
            answer.set("change", ProxyRuntime.changeJson(applying(() -> config.appendServers(imported.yaml()))));
        }
        answer.put("applied", apply);
        exchange.json(200, answer);
    }

    private void calls(ApiExchange exchange) throws ApiError {
        int limit = exchange.queryInt("limit", 100, MAX_CALLS);
        ArrayNode calls = Json.array();
        for (CompletedCall call : runtime.calls().recent(limit)) {
            calls.add(ProxyRuntime.callJson(call));
        }
        exchange.json(200, Json.object().set("calls", calls));
    }

    private void metrics(ApiExchange exchange) {
        List<Metrics.ServerGauges> servers = runtime.supervisors().stream().map(supervisor -> {
            ServerStatus status = supervisor.status();
            return new Metrics.ServerGauges(supervisor.name(), up(status), status.restarts());
        }).toList();
        exchange.text(200, Metrics.contentType(),
                runtime.metrics().exposition(servers, runtime.hub().sessions().size()));
    }

    @FunctionalInterface
    private interface ConfigAction {
        ConfigChange run() throws ConfigException, IOException;
    }

    /** Runs a configuration change; an invalid result is a 422 that lists what is wrong, and nothing changed. */
    private static ConfigChange applying(ConfigAction action) throws ApiError, IOException {
        try {
            return action.run();
        } catch (ConfigException e) {
            throw new ApiError(422, "The configuration would not be valid; nothing was changed", problems(e));
        }
    }

    private static ArrayNode problems(ConfigException e) {
        ArrayNode problems = Json.array();
        for (ConfigProblem p : e.problems()) {
            problems.addObject().put("line", p.line()).put("field", p.field()).put("message", p.message())
                    .put("fix", p.fix()).put("text", p.render());
        }
        return problems;
    }
}
