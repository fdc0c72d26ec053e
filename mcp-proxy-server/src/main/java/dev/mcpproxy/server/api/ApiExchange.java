package dev.mcpproxy.server.api;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.http1.Http1Exchange;
import dev.mcpproxy.server.http1.Http1Request;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One management API request, run on a virtual thread: its path parameters, query, body (read whole), and the answer. */
final class ApiExchange {

    /** Management bodies are configurations and server entries: small. The server refuses larger ones. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    final Http1Request request;
    final Http1Exchange response;
    private final Map<String, String> pathParameters;

    ApiExchange(Http1Request request, Http1Exchange response, Map<String, String> pathParameters) {
        this.request = request;
        this.response = response;
        this.pathParameters = pathParameters;
    }

    String path(String name) {
        return pathParameters.get(name);
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(request.queryParameter(name));
    }

    /** A non-negative integer query parameter, bounded; {@code fallback} when absent. */
    int queryInt(String name, int fallback, int max) throws ApiError {
        long value = nonNegative(name, fallback, " must be a whole number from 0 to " + max);
        return (int) Math.min(value, max);
    }

    long queryLong(String name, long fallback) throws ApiError {
        return nonNegative(name, fallback, " must be a whole number of 0 or more");
    }

    private long nonNegative(String name, long fallback, String rule) throws ApiError {
        Optional<String> text = query(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiError(400, name + rule + ", not \"" + text.get() + "\"");
    }

    /** The body as a JSON object whose fields are among {@code allowed}; anything else is the client's error. */
    ObjectNode jsonObject(Set<String> allowed) throws ApiError {
        String type = request.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, "Send the body as JSON with Content-Type: application/json");
        }
        JsonNode body;
        try {
            body = Json.parse(request.body());
        } catch (Json.MalformedJsonException e) {
            throw new ApiError(400, "Body is not valid JSON: " + e.getMessage());
        }
        if (!(body instanceof ObjectNode object)) {
            throw new ApiError(400, "Body must be a JSON object");
        }
        for (String field : object.propertyNames()) {
            if (!allowed.contains(field)) {
                throw new ApiError(400, "Unknown field \"" + field + "\"; allowed: " + String.join(", ", allowed));
            }
        }
        return object;
    }

    /** A string field of a body; required ones must be present. */
    static String text(ObjectNode body, String field, boolean required) throws ApiError {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ApiError(400, "Missing field \"" + field + "\"");
            }
            return null;
        }
        if (!value.isString()) {
            throw new ApiError(400, "Field \"" + field + "\" must be a string");
        }
        return value.asString();
    }

    static boolean flag(ObjectNode body, String field) throws ApiError {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ApiError(400, "Field \"" + field + "\" must be true or false");
        }
        return value.asBoolean();
    }

    void json(int status, JsonNode body) {
        ApiPortHandler.json(response, status, body);
    }

    /** A JSON body already written as bytes. */
    void jsonBytes(int status, byte[] body) {
        response.respond(status, "application/json", body);
    }

    void text(int status, String contentType, String body) {
        response.respond(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A request the client got wrong, or a state that forbids it: the status and a short message. */
    static final class ApiError extends Exception {
        final int status;
        final transient JsonNode details;

        ApiError(int status, String message) {
            this(status, message, null);
        }

        ApiError(int status, String message, JsonNode details) {
            super(message, null, false, false);
            this.status = status;
            this.details = details;
        }
    }
}
