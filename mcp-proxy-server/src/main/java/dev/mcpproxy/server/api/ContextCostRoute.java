package dev.mcpproxy.server.api;

import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.process.LargeMessageBudget;
import dev.mcpproxy.core.supervisor.ServerSupervisor;
import dev.mcpproxy.core.tokens.ContextCost;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import dev.mcpproxy.core.router.ListKind;
import dev.mcpproxy.core.router.ProfileEndpoint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * {@code GET /api/context-cost}: what each server's tools cost a model's context, in tokens: each tool's definition
 * exactly as the aggregate endpoint lists it, the server's total (the sum of its tools'), the aggregate's total, and
 * what the server's tool filter keeps out, and each profile's total (the tools its endpoint lists). The tokenizer is
 * loaded on the first request, never at the start.
 */
final class ContextCostRoute {

    private final ProxyRuntime runtime;
    private final ContextCost cost;

    ContextCostRoute(ProxyRuntime runtime) {
        this.runtime = runtime;
        this.cost = new ContextCost(runtime.aggregate().catalog(), LargeMessageBudget.SHARED);
    }

    /** The cost of every server's tools, the servers in configuration order. */
    ContextCost.Report report(List<ServerSupervisor> supervisors) throws ApiError {
        try {
            return cost.report(supervisors.stream().map(ServerSupervisor::name).toList());
        } catch (ContextCost.NoRoomException e) {
            throw new ApiError(503, e.getMessage());
        }
    }

    /** What a profile's tool list costs: the tools of the report its endpoint lists. */
    static ObjectNode profileCost(ProfileEndpoint profile, ContextCost.Report report) {
        Set<String> shown = new HashSet<>();
        profile.visible(ListKind.TOOLS).forEach(entry -> shown.add(entry.server() + "\n" + entry.key()));
        int tokens = 0;
        int count = 0;
        for (ContextCost.ServerCost server : report.servers()) {
            for (ContextCost.Tool tool : server.tools()) {
                if (shown.contains(server.server() + "\n" + tool.name())) {
                    tokens += tool.tokens();
                    count++;
                }
            }
        }
        return Json.object().put("name", profile.profile().name()).put("total_tokens", tokens).put("tool_count", count);
    }

    void show(ApiExchange exchange) throws ApiError {
        List<ServerSupervisor> supervisors = runtime.supervisors();
        ContextCost.Report report = report(supervisors);
        ObjectNode body = Json.object().put("encoding", report.encoding()).put("total_tokens", report.tokens())
                .put("tool_count", report.servers().stream().mapToInt(s -> s.tools().size()).sum());
        ArrayNode servers = body.putArray("servers");
        for (int i = 0; i < supervisors.size(); i++) {
            ContextCost.ServerCost server = report.servers().get(i);
            ObjectNode json = servers.addObject().put("name", server.server())
                    .put("state", supervisors.get(i).status().state().wireName())
                    .put("total_tokens", server.tokens()).put("tool_count", server.tools().size());
            ArrayNode tools = json.putArray("tools");
            for (ContextCost.Tool tool : server.tools()) {
                tools.addObject().put("name", tool.name()).put("tokens", tool.tokens())
                        .putRawValue("definition", new RawValue(tool.definition()));
            }
            ObjectNode hidden = json.putObject("hidden_by_filter").put("total_tokens", server.hiddenTokens())
                    .put("tool_count", server.hidden().size());
            ArrayNode hiddenTools = hidden.putArray("tools");
            server.hidden().forEach(tool -> hiddenTools.addObject().put("name", tool.name())
                    .put("tokens", tool.tokens()));
        }
        ArrayNode profiles = body.putArray("profiles");
        runtime.profileEndpoints().forEach(profile -> profiles.add(profileCost(profile, report)));
        exchange.json(200, body);
    }
}
