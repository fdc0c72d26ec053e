package dev.mcpproxy.server.api;

import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.process.LargeMessageBudget;
import dev.mcpproxy.core.supervisor.ServerSupervisor;
import dev.mcpproxy.core.tokens.ContextCost;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * {@code GET /api/context-cost}: what each server's tools cost a model's context, in tokens: each tool's definition
 * exactly as the aggregate endpoint lists it, the server's total (the sum of its tools'), the aggregate's total, and
 * what the server's tool filter keeps out. The tokenizer is loaded on the first request, never at the start.
 */
final class ContextCostRoute {

    private final ProxyRuntime runtime;
    private final ContextCost cost;

    ContextCostRoute(ProxyRuntime runtime) {
        this.runtime = runtime;
        this.cost = new ContextCost(runtime.aggregate().catalog(), LargeMessageBudget.SHARED);
    }

    void show(ApiExchange exchange) throws ApiError {
        List<ServerSupervisor> supervisors = runtime.supervisors();
        ContextCost.Report report;
        try {
            report = cost.report(supervisors.stream().map(ServerSupervisor::name).toList());
        } catch (ContextCost.NoRoomException e) {
            throw new ApiError(503, e.getMessage());
        }
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
        exchange.json(200, body);
    }
}
