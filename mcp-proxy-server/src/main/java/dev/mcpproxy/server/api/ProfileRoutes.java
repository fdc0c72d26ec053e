package dev.mcpproxy.server.api;

import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.router.ProfileEndpoint;
import dev.mcpproxy.core.tokens.ContextCost;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import dev.mcpproxy.server.clients.ProxyAddress;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/profiles}: each profile's endpoints, whether it needs a token (never the token), and what its tool
 * list costs a model's context.
 */
final class ProfileRoutes {

    private final ProxyRuntime runtime;
    private final ContextCostRoute contextCost;
    private final Supplier<ProxyAddress> proxyAddress;

    ProfileRoutes(ProxyRuntime runtime, ContextCostRoute contextCost, Supplier<ProxyAddress> proxyAddress) {
        this.runtime = runtime;
        this.contextCost = contextCost;
        this.proxyAddress = proxyAddress;
    }

    void list(ApiExchange exchange) throws ApiError {
        ContextCost.Report report = contextCost.report(runtime.supervisors());
        String base = proxyBase(proxyAddress.get());
        ObjectNode body = Json.object();
        ArrayNode profiles = body.putArray("profiles");
        for (ProfileEndpoint profile : runtime.profileEndpoints()) {
            String path = base + "/profiles/" + profile.profile().name();
            ObjectNode json = ContextCostRoute.profileCost(profile, report)
                    .put("has_token", profile.profile().token().isPresent());
            json.putObject("endpoints").put("mcp", path + "/mcp").put("sse", path + "/sse");
            profiles.add(json);
        }
        exchange.json(200, body);
    }

    /** The proxy's address without the aggregate's path: what a profile's paths follow. */
    static String proxyBase(ProxyAddress address) {
        String mcp = address.mcpUrl();
        return mcp.endsWith("/mcp") ? mcp.substring(0, mcp.length() - "/mcp".length()) : mcp;
    }
}
