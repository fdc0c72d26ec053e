package dev.mcpproxy.demo;

import dev.mcpproxy.demo.StdioServer.Exchange;
import dev.mcpproxy.demo.StdioServer.RpcError;
import java.io.IOException;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP server the quick start runs: a few tools, a resource, a resource template and a prompt, in Java,
 * so trying MCP Proxy needs nothing but a JDK.
 */
public final class DemoServer implements StdioServer.Methods {

    private static final String README_URI = "demo://readme";
    private static final String README = """
            This text comes from the demo server, through MCP Proxy.
            Every client connected to the proxy sees the same servers, started once.
            """;
    private static final String GREETING_PREFIX = "demo://greeting/";
    private static final int MAX_LINES_PER_SECOND = 100_000;

    private final LogFlood logFlood = new LogFlood(System.err);

    public static void main(String[] args) throws IOException {
        System.err.println("mcp-proxy demo server: ready on stdio");
        new StdioServer(new DemoServer(), System.out).serve(System.in);
    }

    @Override
    public JsonNode call(String method, JsonNode params, Exchange exchange) throws RpcError {
        return switch (method) {
            case "initialize" -> initialize(params);
            case "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe" -> object();
            case "tools/list" -> tools();
            case "tools/call" -> callTool(params.path("name").asString(""), params.path("arguments"), exchange);
            case "resources/list" -> resources();
            case "resources/templates/list" -> templates();
            case "resources/read" -> read(params.path("uri").asString(""));
            case "prompts/list" -> prompts();
            case "prompts/get" -> prompt(params.path("name").asString(""), params.path("arguments"));
            case "completion/complete" -> {
                ObjectNode result = object();
                result.putObject("completion").putArray("values");
                yield result;
            }
            default -> throw new RpcError(-32601, "Method not found: " + method);
        };
    }

    private static ObjectNode initialize(JsonNode params) {
        String asked = params.path("protocolVersion").asString("");
        ObjectNode result = object().put("protocolVersion",
                StdioServer.PROTOCOL_VERSIONS.contains(asked) ? asked : StdioServer.PROTOCOL_VERSIONS.getFirst());
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools");
        capabilities.putObject("resources").put("subscribe", true);
        capabilities.putObject("prompts");
        capabilities.putObject("logging");
        capabilities.putObject("completions");
        result.putObject("serverInfo").put("name", "mcp-proxy-demo").put("version", "1.0.0");
        result.put("instructions", "A demo server: echo, add, count_slowly, now, write_log, log_flood; the "
                + "demo://readme resource; the summarize prompt.");
        return result;
    }

    private static ObjectNode tools() {
        ObjectNode result = object();
        ArrayNode tools = result.putArray("tools");
        tools.add(tool("echo", "Returns the message it is given.", schema("message", "string", "Text to echo")));
        ObjectNode add = schema("a", "number", "First addend");
        add.withObject("properties").putObject("b").put("type", "number").put("description", "Second addend");
        add.withArray("required").add("b");
        tools.add(tool("add", "Adds two numbers.", add));
        tools.add(tool("count_slowly", "Counts to `to`, one number every 200 ms, reporting progress.",
                schema("to", "integer", "Where to stop, 1 to 20")));
        tools.add(tool("now", "The current time on this machine, in UTC (ISO 8601).", object().put("type", "object")));
        tools.add(tool("write_log", "Writes `lines` numbered lines to the server's stderr, which MCP Proxy keeps as "
                + "the server's log.", schema("lines", "integer", "How many, 1 to 100000")));
        tools.add(tool("log_flood", "Keeps writing log lines to the server's stderr, in the background, until called "
                + "again with 0.", schema("lines_per_second", "integer", "How many a second, 1 to 100000; 0 stops")));
        return result;
    }

    private JsonNode callTool(String name, JsonNode arguments, Exchange exchange) throws RpcError {
        return switch (name) {
            case "echo" -> text(arguments.path("message").asString(""));
            case "add" -> {
                if (!arguments.path("a").isNumber() || !arguments.path("b").isNumber()) {
                    yield error("add needs two numbers, a and b");
                }
                yield text(String.valueOf(arguments.path("a").asDouble() + arguments.path("b").asDouble()));
            }
            case "count_slowly" -> countSlowly(arguments.path("to").asInt(5), exchange);
            case "now" -> text(Instant.now().toString());
            case "write_log" -> writeLog(arguments.path("lines").asInt(1));
            case "log_flood" -> logFlood(arguments.path("lines_per_second"));
            default -> throw new RpcError(-32602, "Unknown tool: " + name);
        };
    }

    private static JsonNode writeLog(int lines) {
        if (lines < 1 || lines > 100_000) {
            return error("lines must be between 1 and 100000");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            out.append("log line ").append(i).append(" of ").append(lines).append('\n');
        }
        System.err.print(out);
        System.err.flush();
        return text("wrote " + lines + " lines");
    }

    private JsonNode logFlood(JsonNode linesPerSecond) {
        if (!linesPerSecond.isIntegralNumber() || linesPerSecond.asLong() < 0
                || linesPerSecond.asLong() > MAX_LINES_PER_SECOND) {
            return error("lines_per_second must be an integer from 0 to " + MAX_LINES_PER_SECOND);
        }
        int rate = linesPerSecond.asInt();
        if (rate == 0) {
            LogFlood.Written written = logFlood.stop();
            return text("stopped after " + written.lines() + " lines in " + written.over().toMillis() + " ms");
        }
        logFlood.start(rate);
        return text("writing " + rate + " lines a second until called with 0");
    }

    private static JsonNode countSlowly(int to, Exchange exchange) {
        if (to < 1 || to > 20) {
            return error("to must be between 1 and 20");
        }
        for (int i = 1; i <= to; i++) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return error("cancelled at " + (i - 1));
            }
            exchange.progress(i, to, "counted " + i);
        }
        return text("counted to " + to);
    }

    private static ObjectNode resources() {
        ObjectNode result = object();
        result.putArray("resources").addObject().put("uri", README_URI).put("name", "readme")
                .put("description", "What this demo is").put("mimeType", "text/plain");
        return result;
    }

    private static ObjectNode templates() {
        ObjectNode result = object();
        result.putArray("resourceTemplates").addObject().put("uriTemplate", GREETING_PREFIX + "{name}")
                .put("name", "greeting").put("description", "A greeting for {name}").put("mimeType", "text/plain");
        return result;
    }

    private static ObjectNode read(String uri) throws RpcError {
        String text;
        if (uri.equals(README_URI)) {
            text = README;
        } else if (uri.startsWith(GREETING_PREFIX) && uri.length() > GREETING_PREFIX.length()) {
            text = "Hello, " + uri.substring(GREETING_PREFIX.length()) + "!";
        } else {
            throw new RpcError(-32002, "Resource not found: " + uri);
        }
        ObjectNode result = object();
        result.putArray("contents").addObject().put("uri", uri).put("mimeType", "text/plain").put("text", text);
        return result;
    }

    private static ObjectNode prompts() {
        ObjectNode result = object();
        ObjectNode summarize = result.putArray("prompts").addObject().put("name", "summarize")
                .put("description", "Asks for a one-paragraph summary of a text");
        summarize.putArray("arguments").addObject().put("name", "text").put("description", "The text to summarize")
                .put("required", true);
        return result;
    }

    private static ObjectNode prompt(String name, JsonNode arguments) throws RpcError {
        if (!name.equals("summarize")) {
            throw new RpcError(-32602, "Unknown prompt: " + name);
        }
        if (!arguments.path("text").isString()) {
            throw new RpcError(-32602, "summarize needs the argument text");
        }
        ObjectNode result = object().put("description", "Summarize a text");
        ObjectNode message = result.putArray("messages").addObject().put("role", "user");
        message.putObject("content").put("type", "text")
                .put("text", "Summarize this in one paragraph:\n\n" + arguments.path("text").asString());
        return result;
    }

    private static ObjectNode tool(String name, String description, ObjectNode inputSchema) {
        ObjectNode tool = object().put("name", name).put("description", description);
        tool.set("inputSchema", inputSchema);
        return tool;
    }

    private static ObjectNode schema(String property, String type, String description) {
        ObjectNode schema = object().put("type", "object");
        schema.putObject("properties").putObject(property).put("type", type).put("description", description);
        schema.putArray("required").add(property);
        return schema;
    }

    private static ObjectNode text(String text) {
        ObjectNode result = object();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return result;
    }

    private static ObjectNode error(String text) {
        return text(text).put("isError", true);
    }

    private static ObjectNode object() {
        return StdioServer.JSON.createObjectNode();
    }
}
