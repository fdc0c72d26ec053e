package dev.mcpproxy.server.api;

import dev.mcpproxy.core.ConfigChange;
import dev.mcpproxy.core.LiveConfig;
import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.config.ClientConfigImport;
import dev.mcpproxy.core.config.ConfigEditor;
import dev.mcpproxy.core.config.ConfigException;
import dev.mcpproxy.core.config.ConfigProblem;
import dev.mcpproxy.core.config.LoadedConfig;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The routes of the configuration file: read it, replace it, validate a text, import another client's servers. A
 * change is validated, written and applied by {@link LiveConfig}; one that would not be valid changes nothing.
 */
final class ConfigRoutes {

    private final LiveConfig config;

    ConfigRoutes(LiveConfig config) {
        this.config = config;
    }

    void showConfig(ApiExchange exchange) throws IOException {
        exchange.json(200, Json.object().put("path", config.file().path().toString()).put("yaml", config.text())
                .put("backup", config.file().backup().toString()));
    }

    void replaceConfig(ApiExchange exchange) throws ApiError, IOException {
        String yaml = ApiExchange.text(exchange.jsonObject(Set.of("yaml")), "yaml", true);
        ConfigChange change = applying(() -> config.replace(yaml));
        exchange.json(200, Json.object().set("change", ProxyRuntime.changeJson(change)));
    }

    void validateConfig(ApiExchange exchange) throws ApiError {
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

    void importServers(ApiExchange exchange) throws ApiError, IOException {
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
            imported = ClientConfigImport.convert(text, Path.of("import.json"));
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

    @FunctionalInterface
    interface ConfigAction {
        ConfigChange run() throws ConfigException, IOException;
    }

    /** Runs a configuration change; an invalid result is a 422 that lists what is wrong, and nothing changed. */
    static ConfigChange applying(ConfigAction action) throws ApiError, IOException {
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
