package dev.mcpproxy.core.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** All JSON reading and writing of the proxy goes through here, so the library can be swapped in one place. */
public final class Json {

    /**
     * Buffers recycled per thread rather than through Jackson's default shared deque: every call is read and written
     * on one of a few long-lived platform threads (the HTTP selector, each upstream's reader), which then reuse
     * theirs without the deque's contention. A virtual thread (the API's routes) gets fresh buffers, as it would
     * from an empty deque.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool()).build()).build();
    private static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private Json() {
    }

    /** Parses one JSON value; numbers, unknown fields and key order are kept as they came. */
    public static JsonNode parse(String text) throws MalformedJsonException {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new MalformedJsonException(e.getOriginalMessage());
        }
    }

    public static JsonNode parse(byte[] utf8) throws MalformedJsonException {
        try {
            return MAPPER.readTree(utf8);
        } catch (JacksonException e) {
            throw new MalformedJsonException(e.getOriginalMessage());
        }
    }

    /** Parses one JSON value from a stream (a large message held in pieces), reading it to its end. */
    public static JsonNode parse(InputStream utf8) throws MalformedJsonException {
        try (utf8) {
            return MAPPER.readTree(utf8);
        } catch (JacksonException e) {
            throw new MalformedJsonException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where the value of the member {@code name} of a JSON object starts and ends (exclusive), as byte offsets, read
     * token by token: no tree is built, and strings not asked for are skipped, not held. Empty when the text is not
     * an object or has no such member.
     */
    public static Optional<long[]> memberSpan(InputStream utf8, String name) throws MalformedJsonException {
        try (utf8; JsonParser parser = MAPPER.createParser(utf8)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                boolean wanted = parser.currentName().equals(name);
                parser.nextToken();
                long start = parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                if (wanted) {
                    // A scalar is read lazily; finishing it moves the location past its end.
                    parser.finishToken();
                    return Optional.of(new long[] {start, parser.currentLocation().getByteOffset()});
                }
            }
            return Optional.empty();
        } catch (JacksonException e) {
            throw new MalformedJsonException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    public static byte[] writeBytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /**
     * A JSON-RPC id's text (a number or a string), written by hand: one is spliced into every answer, and setting up
     * Jackson's writer cost more than a sixth of what passing the answer on costs.
     */
    public static byte[] writeIdBytes(JsonNode id) {
        if (id.isIntegralNumber() && id.canConvertToLong()) {
            return Long.toString(id.asLong()).getBytes(StandardCharsets.US_ASCII);
        }
        if (id.isString()) {
            return JsonText.appendString(new StringBuilder(), id.asString()).toString()
                    .getBytes(StandardCharsets.UTF_8);
        }
        return writeBytes(id);
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static JsonNode text(String value) {
        return NODES.stringNode(value);
    }

    public static JsonNode number(long value) {
        return NODES.numberNode(value);
    }

    /** Converts an object tree into plain Java maps, lists, strings, numbers and booleans. */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> toMap(JsonNode object) {
        return MAPPER.convertValue(object, java.util.LinkedHashMap.class);
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The text is not JSON; the message says where and why. */
    public static final class MalformedJsonException extends Exception {
        public MalformedJsonException(String message) {
            super(message);
        }
    }
}
