package dev.mcpproxy.server.http;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.JsonNode;

/**
 * Reads a POSTed JSON-RPC body without blocking: the handlers run on Jetty's own threads, which must never wait,
 * so the message is handed on when its last byte has arrived (at once, for the usual small body).
 */
final class JsonBodies {

    private JsonBodies() {
    }

    /** Calls {@code then} with the parsed body; a body too large, unreadable or not JSON gets its error answer. */
    static void read(Request request, Response response, Callback callback, int maxBytes, Consumer<JsonNode> then) {
        Content.Source.asByteArrayAsync(request, maxBytes).whenComplete((bytes, failure) -> {
            if (failure != null) {
                Responses.rpcError(response, callback, 413, JsonRpc.INVALID_REQUEST,
                        "Request body too large or unreadable (limit " + maxBytes + " bytes)");
                return;
            }
            JsonNode message;
            try {
                message = Json.parse(bytes);
            } catch (Json.MalformedJsonException e) {
                Responses.rpcError(response, callback, 400, JsonRpc.PARSE_ERROR, "Parse error: " + e.getMessage());
                return;
            }
            try {
                then.accept(message);
            } catch (RuntimeException e) {
                callback.failed(e);
            }
        });
    }
}
