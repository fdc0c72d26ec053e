package dev.mcpproxy.core.upstream;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.json.RawMessage;
import dev.mcpproxy.core.rpc.JsonRpc;
import tools.jackson.databind.node.ObjectNode;

/** Receives the answer to one request sent upstream: exactly one of the two methods is called, once. */
public interface ResponseHandler {

    /** The upstream's response, as it sent it (its own id still in place). */
    void onResponse(ObjectNode response);

    /**
     * A large response as its bytes; {@link #onResponse} gets it as a tree unless the handler can pass the bytes
     * on as they are.
     */
    default void onRawResponse(RawMessage response) {
        try {
            onResponse((ObjectNode) response.parse());
        } catch (Json.MalformedJsonException e) {
            onFailure(JsonRpc.INTERNAL_ERROR, "the answer was not JSON: " + e.getMessage());
        }
    }

    /** No response will come: the upstream went away, or the request timed out. */
    void onFailure(int code, String message);
}
