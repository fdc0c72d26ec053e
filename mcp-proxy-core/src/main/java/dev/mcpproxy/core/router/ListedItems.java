package dev.mcpproxy.core.router;

import dev.mcpproxy.core.json.Json;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * A list of catalog entries that serializes as a JSON array of them, written straight from their texts: a list of
 * 5,000 tools is never built as a tree, nor held as one more copy of its text, to answer {@code tools/list}.
 *
 * @param unprefix the prefix to take off each name again, to show the items as their server sent them; "" for none
 */
public record ListedItems(List<CatalogEntry> items, String unprefix) {

    static final ListedItems NONE = new ListedItems(List.of(), "");

    /** This list as a value a JSON tree can hold. */
    public RawValue asJsonValue() {
        return new RawValue(new Writer());
    }

    private final class Writer extends JacksonSerializable.Base {
        @Override
        public void serialize(JsonGenerator out, SerializationContext context) {
            out.writeStartArray();
            for (CatalogEntry entry : items) {
                if (unprefix.isEmpty()) {
                    out.writeRawValue(entry.json());
                } else {
                    out.writeTree(unprefixed(entry));
                }
            }
            out.writeEndArray();
        }

        @Override
        public void serializeWithType(JsonGenerator out, SerializationContext context, TypeSerializer type) {
            serialize(out, context);
        }
    }

    /** The entry as its server sent it: parsed again one at a time, which the management API's rare reads afford. */
    private ObjectNode unprefixed(CatalogEntry entry) {
        try {
            ObjectNode item = (ObjectNode) Json.parse(entry.json());
            String name = item.path("name").asString(null);
            if (name != null && name.startsWith(unprefix + Catalog.SEPARATOR)) {
                item.put("name", name.substring(unprefix.length() + Catalog.SEPARATOR.length()));
            }
            return item;
        } catch (Json.MalformedJsonException e) {
            throw new IllegalStateException("The catalog's own JSON did not parse: " + e.getMessage(), e);
        }
    }
}
