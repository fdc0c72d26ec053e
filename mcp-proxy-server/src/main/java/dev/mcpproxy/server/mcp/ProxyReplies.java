package dev.mcpproxy.server.mcp;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.server.http1.Http1Exchange;
import dev.mcpproxy.server.http1.Http1Request;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** What the MCP port says besides answers: refusals are JSON-RPC errors an MCP client can show, never a stack trace. */
final class ProxyReplies {

    private ProxyReplies() {
    }

    static byte[] rpcErrorBody(int code, String message) {
        return Json.writeBytes(JsonRpc.error(null, code, message));
    }

    /** An HTTP-level refusal on an MCP route, shaped as a JSON-RPC error. */
    static void rpcError(Http1Exchange exchange, int status, int code, String message) {
        exchange.respond(status, "application/json", rpcErrorBody(code, message));
    }

    /** The POSTed JSON-RPC message; when it is not JSON, the error answer has been sent. */
    static Optional<JsonNode> message(Http1Request request, Http1Exchange exchange) {
        try {
            return Optional.of(Json.parse(request.body()));
        } catch (Json.MalformedJsonException e) {
            rpcError(exchange, 400, JsonRpc.PARSE_ERROR, "Parse error: " + e.getMessage());
            return Optional.empty();
        }
    }
}
