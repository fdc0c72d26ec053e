package dev.mcpproxy.core.rpc;

import dev.mcpproxy.core.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds and takes apart JSON-RPC 2.0 messages, keeping every field the proxy does not touch. */
public final class JsonRpc {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** MCP: the request timed out or its server went away. */
    public static final int REQUEST_TIMEOUT = -32001;

    private JsonRpc() {
    }

    public enum Kind { REQUEST, NOTIFICATION, RESPONSE, INVALID }

    public static Kind kind(JsonNode message) {
        if (!(message instanceof ObjectNode o)) {
            return Kind.INVALID;
        }
        JsonNode method = o.get("method");
        boolean hasId = o.has("id") && !o.get("id").isNull();
        if (method != null && method.isString()) {
            return hasId ? Kind.REQUEST : Kind.NOTIFICATION;
        }
        if (hasId && (o.has("result") || o.has("error"))) {
            return Kind.RESPONSE;
        }
        // An error response to a message whose id could not be read carries "id": null.
        if (o.has("error") && o.has("id")) {
            return Kind.RESPONSE;
        }
        return Kind.INVALID;
    }

    /**
     * A request id as a map key: equal for equal ids, different for 1 and "1". Cheaper than the id's JSON text
     * (Jackson serializes for that), and it is taken once per call.
     */
    public static String idKey(JsonNode id) {
        if (id.isIntegralNumber() && id.canConvertToLong()) {
            return Long.toString(id.asLong());
        }
        if (id.isString()) {
            return "\"" + id.asString();
        }
        return id.toString();
    }

    public static String method(JsonNode message) {
        JsonNode m = message.get("method");
        return m == null ? "" : m.asString();
    }

    public static JsonNode params(JsonNode message) {
        JsonNode p = message.get("params");
        return p == null ? Json.object() : p;
    }

    public static ObjectNode request(JsonNode id, String method, JsonNode params) {
        ObjectNode o = Json.object();
        o.put("jsonrpc", "2.0");
        o.set("id", id);
        o.put("method", method);
        if (params != null) {
            o.set("params", params);
        }
        return o;
    }

    public static ObjectNode notification(String method, JsonNode params) {
        ObjectNode o = Json.object();
        o.put("jsonrpc", "2.0");
        o.put("method", method);
        if (params != null) {
            o.set("params", params);
        }
        return o;
    }

    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode o = Json.object();
        o.put("jsonrpc", "2.0");
        o.set("id", id);
        o.set("result", result);
        return o;
    }

    public static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode o = Json.object();
        o.put("jsonrpc", "2.0");
        o.set("id", id == null ? Json.object().nullNode() : id);
        ObjectNode error = o.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return o;
    }
}
