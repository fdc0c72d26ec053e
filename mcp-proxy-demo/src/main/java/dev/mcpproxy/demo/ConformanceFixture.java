package dev.mcpproxy.demo;

import dev.mcpproxy.demo.StdioServer.Exchange;
import dev.mcpproxy.demo.StdioServer.RpcError;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fixtures of the official MCP conformance suite's server scenarios (@modelcontextprotocol/conformance), as a
 * stdio server: placed behind the proxy with an empty prefix, the suite tests the proxy end to end. Names, texts
 * and shapes are the ones each scenario's description asks for.
 */
public final class ConformanceFixture implements StdioServer.Methods {

    /** A 1×1 red PNG. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    /** A WAV file with a header and no samples. */
    static final String WAV = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=";

    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();

    public static void main(String[] args) throws IOException {
        new StdioServer(new ConformanceFixture(), System.out).serve(System.in);
    }

    @Override
    public JsonNode call(String method, JsonNode params, Exchange exchange) throws RpcError {
        return switch (method) {
            case "initialize" -> initialize(params);
            case "ping", "logging/setLevel" -> object();
            case "tools/list" -> tools();
            case "tools/call" -> callTool(params.path("name").asString(""), params.path("arguments"), exchange);
            case "resources/list" -> resources();
            case "resources/templates/list" -> templates();
            case "resources/read" -> read(params.path("uri").asString(""));
            case "resources/subscribe" -> {
                subscriptions.add(params.path("uri").asString(""));
                yield object();
            }
            case "resources/unsubscribe" -> {
                subscriptions.remove(params.path("uri").asString(""));
                yield object();
            }
            case "prompts/list" -> prompts();
            case "prompts/get" -> prompt(params.path("name").asString(""), params.path("arguments"));
            case "completion/complete" -> {
                ObjectNode result = object();
                ObjectNode completion = result.putObject("completion").put("total", 0).put("hasMore", false);
                completion.putArray("values");
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
        capabilities.putObject("tools").put("listChanged", true);
        capabilities.putObject("resources").put("subscribe", true).put("listChanged", true);
        capabilities.putObject("prompts").put("listChanged", true);
        capabilities.putObject("logging");
        capabilities.putObject("completions");
        result.putObject("serverInfo").put("name", "mcp-proxy-conformance-fixture").put("version", "1.0.0");
        return result;
    }

    private static ObjectNode tools() {
        ObjectNode result = object();
        ArrayNode tools = result.putArray("tools");
        for (String name : new String[] {"test_simple_text", "test_image_content", "test_audio_content",
                "test_embedded_resource", "test_multiple_content_types", "test_tool_with_logging",
                "test_error_handling", "test_tool_with_progress", "test_elicitation_sep1034_defaults",
                "test_elicitation_sep1330_enums", "test_reconnection"}) {
            tools.add(tool(name, "Conformance fixture " + name, object().put("type", "object")));
        }
        tools.add(tool("test_sampling", "Asks the client's LLM to answer a prompt",
                stringArguments("prompt", "The prompt to send to the LLM")));
        tools.add(tool("test_elicitation", "Asks the user for a name and an email",
                stringArguments("message", "The message to show the user")));
        tools.add(tool("json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features", jsonSchema202012()));
        return result;
    }

    private static ObjectNode jsonSchema202012() {
        ObjectNode schema = object().put("$schema", "https://json-schema.org/draft/2020-12/schema").put("type", "object");
        ObjectNode address = schema.putObject("$defs").putObject("address").put("type", "object");
        ObjectNode addressProperties = address.putObject("properties");
        addressProperties.putObject("street").put("type", "string");
        addressProperties.putObject("city").put("type", "string");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("name").put("type", "string");
        properties.putObject("address").put("$ref", "#/$defs/address");
        schema.put("additionalProperties", false);
        return schema;
    }

    private static JsonNode callTool(String name, JsonNode arguments, Exchange exchange) throws RpcError {
        return switch (name) {
            case "test_simple_text" -> content(text("This is a simple text response for testing."));
            case "test_image_content" -> content(object().put("type", "image").put("data", PNG).put("mimeType", "image/png"));
            case "test_audio_content" -> content(object().put("type", "audio").put("data", WAV).put("mimeType", "audio/wav"));
            case "test_embedded_resource" -> content(embedded("test://embedded-resource", "text/plain",
                    "This is an embedded resource content."));
            case "test_multiple_content_types" -> content(text("Multiple content types test:"),
                    object().put("type", "image").put("data", PNG).put("mimeType", "image/png"),
                    embedded("test://mixed-content-resource", "application/json", "{\"test\":\"data\",\"value\":123}"));
            case "test_tool_with_logging" -> {
                exchange.log("info", "Tool execution started");
                pause(50);
                exchange.log("info", "Tool processing data");
                pause(50);
                exchange.log("info", "Tool execution completed");
                yield content(text("Tool with logging executed successfully"));
            }
            case "test_error_handling" -> content(text("This tool intentionally returns an error for testing"))
                    .put("isError", true);
            case "test_tool_with_progress" -> {
                for (int step = 0; step <= 2; step++) {
                    if (step > 0) {
                        pause(50);
                    }
                    exchange.progress(step * 50, 100, "step " + step);
                }
                yield content(text("Tool with progress executed successfully"));
            }
            case "test_sampling" -> {
                ObjectNode params = object().put("maxTokens", 100);
                params.putArray("messages").addObject().put("role", "user")
                        .set("content", text(arguments.path("prompt").asString("")));
                JsonNode answer = exchange.ask("sampling/createMessage", params);
                yield content(text("LLM response: " + answer.path("content").path("text").asString("")));
            }
            case "test_elicitation" -> {
                ObjectNode params = object().put("message", arguments.path("message").asString(""));
                ObjectNode schema = params.putObject("requestedSchema").put("type", "object");
                ObjectNode properties = schema.putObject("properties");
                properties.putObject("username").put("type", "string").put("description", "User's response");
                properties.putObject("email").put("type", "string").put("description", "User's email address");
                schema.putArray("required").add("username").add("email");
                JsonNode answer = exchange.ask("elicitation/create", params);
                yield content(text("User response: action=" + answer.path("action").asString("")
                        + ", content=" + answer.path("content")));
            }
            case "test_elicitation_sep1034_defaults" -> elicited(exchange, "Please review the defaults", defaults());
            case "test_elicitation_sep1330_enums" -> elicited(exchange, "Please choose", enums());
            case "test_reconnection" -> content(text("Reconnection test completed"));
            default -> throw new RpcError(-32602, "Unknown tool: " + name);
        };
    }

    private static ObjectNode elicited(Exchange exchange, String message, ObjectNode properties) throws RpcError {
        ObjectNode params = object().put("message", message);
        params.putObject("requestedSchema").put("type", "object").set("properties", properties);
        JsonNode answer = exchange.ask("elicitation/create", params);
        return content(text("Elicitation completed: action=" + answer.path("action").asString("")
                + ", content=" + answer.path("content")));
    }

    private static ObjectNode defaults() {
        ObjectNode properties = object();
        properties.putObject("name").put("type", "string").put("default", "John Doe");
        properties.putObject("age").put("type", "integer").put("default", 30);
        properties.putObject("score").put("type", "number").put("default", 95.5);
        ObjectNode status = properties.putObject("status").put("type", "string").put("default", "active");
        status.putArray("enum").add("active").add("inactive").add("pending");
        properties.putObject("verified").put("type", "boolean").put("default", true);
        return properties;
    }

    private static ObjectNode enums() {
        ObjectNode properties = object();
        properties.putObject("untitledSingle").put("type", "string")
                .putArray("enum").add("option1").add("option2").add("option3");
        ArrayNode titled = properties.putObject("titledSingle").put("type", "string").putArray("oneOf");
        titled.addObject().put("const", "value1").put("title", "First Option");
        titled.addObject().put("const", "value2").put("title", "Second Option");
        titled.addObject().put("const", "value3").put("title", "Third Option");
        ObjectNode legacy = properties.putObject("legacyEnum").put("type", "string");
        legacy.putArray("enum").add("opt1").add("opt2").add("opt3");
        legacy.putArray("enumNames").add("Option One").add("Option Two").add("Option Three");
        properties.putObject("untitledMulti").put("type", "array").putObject("items").put("type", "string")
                .putArray("enum").add("option1").add("option2").add("option3");
        ArrayNode choices = properties.putObject("titledMulti").put("type", "array").putObject("items").putArray("anyOf");
        choices.addObject().put("const", "value1").put("title", "First Choice");
        choices.addObject().put("const", "value2").put("title", "Second Choice");
        choices.addObject().put("const", "value3").put("title", "Third Choice");
        return properties;
    }

    private static ObjectNode resources() {
        ObjectNode result = object();
        ArrayNode resources = result.putArray("resources");
        resources.addObject().put("uri", "test://static-text").put("name", "static-text")
                .put("description", "A static text resource").put("mimeType", "text/plain");
        resources.addObject().put("uri", "test://static-binary").put("name", "static-binary")
                .put("description", "A static binary resource (PNG)").put("mimeType", "image/png");
        resources.addObject().put("uri", "test://watched-resource").put("name", "watched-resource")
                .put("description", "A resource clients can subscribe to").put("mimeType", "text/plain");
        return result;
    }

    private static ObjectNode templates() {
        ObjectNode result = object();
        result.putArray("resourceTemplates").addObject().put("uriTemplate", "test://template/{id}/data")
                .put("name", "template").put("description", "Data for an id").put("mimeType", "application/json");
        return result;
    }

    private static ObjectNode read(String uri) throws RpcError {
        ObjectNode result = object();
        ObjectNode contents = result.putArray("contents").addObject().put("uri", uri);
        if (uri.equals("test://static-text")) {
            contents.put("mimeType", "text/plain").put("text", "This is the content of the static text resource.");
        } else if (uri.equals("test://static-binary")) {
            contents.put("mimeType", "image/png").put("blob", PNG);
        } else if (uri.equals("test://watched-resource")) {
            contents.put("mimeType", "text/plain").put("text", "Watched resource content");
        } else if (uri.startsWith("test://template/") && uri.endsWith("/data")) {
            String id = uri.substring("test://template/".length(), uri.length() - "/data".length());
            ObjectNode data = object().put("id", id).put("templateTest", true).put("data", "Data for ID: " + id);
            contents.put("mimeType", "application/json").put("text", data.toString());
        } else {
            throw new RpcError(-32002, "Resource not found: " + uri);
        }
        return result;
    }

    private static ObjectNode prompts() {
        ObjectNode result = object();
        ArrayNode prompts = result.putArray("prompts");
        prompts.addObject().put("name", "test_simple_prompt").put("description", "A simple prompt without arguments");
        ArrayNode arguments = prompts.addObject().put("name", "test_prompt_with_arguments")
                .put("description", "A prompt with required arguments").putArray("arguments");
        arguments.addObject().put("name", "arg1").put("description", "First test argument").put("required", true);
        arguments.addObject().put("name", "arg2").put("description", "Second test argument").put("required", true);
        prompts.addObject().put("name", "test_prompt_with_embedded_resource")
                .put("description", "A prompt that embeds a resource").putArray("arguments").addObject()
                .put("name", "resourceUri").put("description", "URI of the resource to embed").put("required", true);
        prompts.addObject().put("name", "test_prompt_with_image").put("description", "A prompt with an image");
        return result;
    }

    private static ObjectNode prompt(String name, JsonNode arguments) throws RpcError {
        ObjectNode result = object();
        ArrayNode messages = result.putArray("messages");
        switch (name) {
            case "test_simple_prompt" -> message(messages, text("This is a simple prompt for testing."));
            case "test_prompt_with_arguments" -> message(messages, text("Prompt with arguments: arg1='"
                    + arguments.path("arg1").asString("") + "', arg2='" + arguments.path("arg2").asString("") + "'"));
            case "test_prompt_with_embedded_resource" -> {
                message(messages, embedded(arguments.path("resourceUri").asString(""), "text/plain",
                        "Embedded resource content for testing."));
                message(messages, text("Please process the embedded resource above."));
            }
            case "test_prompt_with_image" -> {
                message(messages, object().put("type", "image").put("data", PNG).put("mimeType", "image/png"));
                message(messages, text("Please analyze the image above."));
            }
            default -> throw new RpcError(-32602, "Unknown prompt: " + name);
        }
        return result;
    }

    private static void message(ArrayNode messages, ObjectNode content) {
        messages.addObject().put("role", "user").set("content", content);
    }

    private static ObjectNode tool(String name, String description, ObjectNode inputSchema) {
        ObjectNode tool = object().put("name", name).put("description", description);
        tool.set("inputSchema", inputSchema);
        return tool;
    }

    private static ObjectNode stringArguments(String name, String description) {
        ObjectNode schema = object().put("type", "object");
        schema.putObject("properties").putObject(name).put("type", "string").put("description", description);
        schema.putArray("required").add(name);
        return schema;
    }

    private static ObjectNode content(ObjectNode... items) {
        ObjectNode result = object();
        ArrayNode content = result.putArray("content");
        for (ObjectNode item : items) {
            content.add(item);
        }
        return result;
    }

    private static ObjectNode text(String text) {
        return object().put("type", "text").put("text", text);
    }

    private static ObjectNode embedded(String uri, String mimeType, String text) {
        ObjectNode content = object().put("type", "resource");
        content.putObject("resource").put("uri", uri).put("mimeType", mimeType).put("text", text);
        return content;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode object() {
        return StdioServer.JSON.createObjectNode();
    }
}
