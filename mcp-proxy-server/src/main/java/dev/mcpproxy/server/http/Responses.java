package dev.mcpproxy.server.http;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.JsonNode;

/** Short answers: errors are JSON a client can read, never a stack trace or an HTML page. */
final class Responses {

    private Responses() {
    }

    static void json(Response response, Callback callback, int status, JsonNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Json.writeBytes(body)), callback);
    }

    /** An HTTP-level refusal on an MCP route, shaped as a JSON-RPC error so MCP clients can show it. */
    static void rpcError(Response response, Callback callback, int status, int code, String message) {
        json(response, callback, status, JsonRpc.error(null, code, message));
    }

    static void empty(Response response, Callback callback, int status) {
        response.setStatus(status);
        response.write(true, ByteBuffer.allocate(0), callback);
    }
}
