package dev.mcpproxy.server.api;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.secrets.SecretNames;
import dev.mcpproxy.core.secrets.SecretStore;
import dev.mcpproxy.core.secrets.SecretStoreException;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/secrets}: the names of the secrets and where they are kept; setting and deleting one. A value goes in
 * and never comes out. Setting a secret restarts nothing: a server that uses it reads it at its next start.
 */
final class SecretRoutes {

    private static final System.Logger LOG = System.getLogger("mcp-proxy.api");

    private final SecretStore store;

    SecretRoutes(SecretStore store) {
        this.store = store;
    }

    void list(ApiExchange exchange) throws ApiError {
        ObjectNode body = Json.object().put("store", store.description());
        var names = body.putArray("names");
        try {
            store.names().forEach(names::add);
        } catch (SecretStoreException e) {
            throw unavailable(e);
        }
        exchange.json(200, body);
    }

    void put(ApiExchange exchange) throws ApiError {
        String name = name(exchange);
        String value = ApiExchange.text(exchange.jsonObject(Set.of("value")), "value", true);
        if (value.isEmpty() || value.length() > SecretNames.MAX_VALUE_LENGTH) {
            throw new ApiError(400, "\"value\" must hold 1 to " + SecretNames.MAX_VALUE_LENGTH + " characters");
        }
        try {
            store.put(name, value);
        } catch (SecretStoreException e) {
            throw unavailable(e);
        }
        LOG.log(System.Logger.Level.INFO, "Secret {0} was set", name);
        exchange.text(204, "text/plain", "");
    }

    void delete(ApiExchange exchange) throws ApiError {
        String name = name(exchange);
        boolean had;
        try {
            had = store.delete(name);
        } catch (SecretStoreException e) {
            throw unavailable(e);
        }
        if (!had) {
            throw new ApiError(404, "No secret is named " + name);
        }
        LOG.log(System.Logger.Level.INFO, "Secret {0} was deleted", name);
        exchange.text(204, "text/plain", "");
    }

    /** The name in the path (which the HTTP layer has percent-decoded), slashes and all. */
    private static String name(ApiExchange exchange) throws ApiError {
        String name = exchange.path("name");
        if (!SecretNames.isValid(name)) {
            throw new ApiError(400, SecretNames.problem(name));
        }
        return name;
    }

    private static ApiError unavailable(SecretStoreException e) {
        LOG.log(System.Logger.Level.WARNING, e.getMessage());
        return new ApiError(503, e.getMessage());
    }
}
