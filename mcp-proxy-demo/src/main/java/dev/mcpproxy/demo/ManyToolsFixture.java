package dev.mcpproxy.demo;

import dev.mcpproxy.demo.StdioServer.Exchange;
import dev.mcpproxy.demo.StdioServer.RpcError;
import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stdio MCP server with as many tools as its argument says, each the size of a real server's (about 1.3 KB: a
 * paragraph of description, six documented parameters, annotations), all in one {@code tools/list} page as most
 * servers send them. {@code tools/call} answers with the tool's name, so a test sees which one it reached.
 * For the proxy's tests with thousands of tools: {@code java -cp mcp-proxy-demo.jar
 * dev.mcpproxy.demo.ManyToolsFixture 5000}.
 */
public final class ManyToolsFixture implements StdioServer.Methods {

    private final int count;

    private ManyToolsFixture(int count) {
        this.count = count;
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        new StdioServer(new ManyToolsFixture(count), System.out).serve(System.in);
    }

    @Override
    public JsonNode call(String method, JsonNode params, Exchange exchange) throws RpcError {
        return switch (method) {
            case "initialize" -> initialize(params);
            case "ping" -> StdioServer.JSON.createObjectNode();
            case "tools/list" -> tools(count);
            case "tools/call" -> answer(params.path("name").asString(""));
            default -> throw new RpcError(-32601, "Method not found: " + method);
        };
    }

    private static ObjectNode initialize(JsonNode params) {
        String asked = params.path("protocolVersion").asString("");
        ObjectNode result = StdioServer.JSON.createObjectNode().put("protocolVersion",
                StdioServer.PROTOCOL_VERSIONS.contains(asked) ? asked : StdioServer.PROTOCOL_VERSIONS.getFirst());
        result.putObject("capabilities").putObject("tools");
        result.putObject("serverInfo").put("name", "many-tools-fixture").put("version", "1.0.0");
        return result;
    }

    /**
     * The {@code tools/list} result of a fixture with {@code count} tools, as JSON text: for a test that serves
     * the same tools from a smaller process than a JVM.
     */
    public static String toolsListResult(int count) {
        return StdioServer.JSON.writeValueAsString(tools(count));
    }

    private static ObjectNode tools(int count) {
        ObjectNode result = StdioServer.JSON.createObjectNode();
        ArrayNode tools = result.putArray("tools");
        for (int i = 0; i < count; i++) {
            tools.add(tool(i));
        }
        return result;
    }

    /** The name of tool {@code i}, as the server lists it. */
    public static String name(int i) {
        return "records_%05d_search".formatted(i);
    }

    private static ObjectNode tool(int i) {
        ObjectNode tool = StdioServer.JSON.createObjectNode().put("name", name(i))
                .put("title", "Search records of collection " + i)
                .put("description", ("Searches the records of collection %d and returns the ones that match the "
                        + "query, newest first. Use it to find a record by its text, its author or its date "
                        + "before reading or changing it; the results carry each record's id, title, author, "
                        + "dates and a short excerpt. Large collections answer in pages: pass the cursor of the "
                        + "previous answer to get the next page.").formatted(i));
        ObjectNode schema = tool.putObject("inputSchema").put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        property(properties, "query", "string", "Words to look for in the record's title and text; quotes "
                + "match a phrase, a leading minus excludes a word.");
        property(properties, "author", "string", "Only records by this author (their login or e-mail address).");
        property(properties, "since", "string", "Only records changed on or after this date (ISO 8601, e.g. "
                + "2025-01-31).");
        property(properties, "limit", "integer", "How many records to return, 1 to 100 (default 20).")
                .put("minimum", 1).put("maximum", 100);
        property(properties, "archived", "boolean", "Whether archived records are included (default false).");
        property(properties, "sort", "string", "The order of the results.").putArray("enum")
                .add("newest").add("oldest").add("relevance");
        schema.putArray("required").add("query");
        schema.put("additionalProperties", false);
        tool.putObject("annotations").put("readOnlyHint", true).put("openWorldHint", false);
        return tool;
    }

    private static ObjectNode property(ObjectNode properties, String name, String type, String description) {
        return properties.putObject(name).put("type", type).put("description", description);
    }

    private static ObjectNode answer(String tool) {
        ObjectNode result = StdioServer.JSON.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", "called " + tool);
        return result;
    }
}
