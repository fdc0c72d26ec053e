package dev.mcpproxy.demo;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;

/**
 * A stdio MCP server that answers with messages as large as asked, for the proxy's tests of large messages: a tool
 * result of {@code megabytes} MB with its id before or after the payload (the TypeScript SDK writes it last; with
 * {@code is_error} the result says the tool failed; asked for progress, it sends some first), a
 * resource of that many MB of bytes as base64, a tool that reports the size of the argument it got, and one that
 * answers with a line that is not JSON. Large answers are written as they are made, never held whole, so that the
 * fixture itself needs little heap. Run: {@code java -cp mcp-proxy-demo.jar dev.mcpproxy.demo.LargeMessageFixture}.
 */
public final class LargeMessageFixture {

    private static final byte[] NEWLINE = {'\n'};
    private final OutputStream out = new BufferedOutputStream(System.out, 1 << 16);

    public static void main(String[] args) throws IOException {
        new LargeMessageFixture().serve();
    }

    private void serve() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode message = StdioServer.JSON.readTree(line);
            JsonNode id = message.get("id");
            if (id != null && message.has("method")) {
                answer(id.toString(), message.path("method").asString(), message.path("params"));
            }
        }
    }

    private void answer(String id, String method, JsonNode params) throws IOException {
        switch (method) {
            case "initialize" -> result(id, "{\"protocolVersion\":\"" + params.path("protocolVersion").asString()
                    + "\",\"capabilities\":{\"tools\":{},\"resources\":{}},"
                    + "\"serverInfo\":{\"name\":\"large-message-fixture\",\"version\":\"1\"}}");
            case "tools/list" -> result(id, "{\"tools\":[" + tool("big_result", "megabytes", "number")
                    + "," + tool("big_result_id_first", "megabytes", "number")
                    + "," + tool("argument_size", "data", "string")
                    + "," + tool("malformed", "note", "string") + "]}");
            case "resources/list" -> result(id, "{\"resources\":[{\"uri\":\"big://blob/20\",\"name\":\"blob\"},"
                    + "{\"uri\":\"big://blob/3\",\"name\":\"small blob\"}]}");
            case "resources/read" -> blob(id, params.path("uri").asString());
            case "tools/call" -> {
                progress(params.path("_meta").path("progressToken"));
                call(id, params.path("name").asString(), params.path("arguments"));
            }
            default -> result(id, "{}");
        }
    }

    private void call(String id, String tool, JsonNode arguments) throws IOException {
        long bytes = Math.round(arguments.path("megabytes").asDouble(1) * 1_000_000);
        switch (tool) {
            case "big_result" -> {
                write("{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"");
                repeat('a', bytes);
                write("\"}]" + (arguments.path("is_error").asBoolean(false) ? ",\"isError\":true" : "")
                        + "},\"jsonrpc\":\"2.0\",\"id\":" + id + "}");
            }
            case "big_result_id_first" -> {
                write("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"");
                repeat('b', bytes);
                write("\"}]}}");
            }
            case "argument_size" -> {
                result(id, "{\"content\":[{\"type\":\"text\",\"text\":\"" + arguments.path("data").asString().length()
                        + "\"}]}");
                return;
            }
            default -> write("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"content\":[oops, not JSON");
        }
        endLine();
    }

    /** A progress notification first when the call asks for progress: the proxy then answers on an event stream. */
    private void progress(JsonNode token) throws IOException {
        if (!token.isMissingNode()) {
            write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":"
                    + token + ",\"progress\":1,\"total\":2}}");
            endLine();
        }
    }

    /** A resource {@code big://blob/N}: N MB of bytes 0x00, as base64 ("AAAA" per three bytes). */
    private void blob(String id, String uri) throws IOException {
        long bytes = Long.parseLong(uri.substring(uri.lastIndexOf('/') + 1)) * 1_000_000;
        write("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"contents\":[{\"uri\":\"" + uri
                + "\",\"mimeType\":\"application/octet-stream\",\"blob\":\"");
        repeat('A', bytes / 3 * 4);
        write("\"}]}}");
        endLine();
    }

    private static String tool(String name, String argument, String type) {
        return "{\"name\":\"" + name + "\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"" + argument
                + "\":{\"type\":\"" + type + "\"}}}}";
    }

    private void result(String id, String result) throws IOException {
        write("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}");
        endLine();
    }

    private void repeat(char c, long count) throws IOException {
        byte[] run = new byte[1 << 16];
        Arrays.fill(run, (byte) c);
        for (long left = count; left > 0; left -= run.length) {
            out.write(run, 0, (int) Math.min(run.length, left));
        }
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void endLine() throws IOException {
        out.write(NEWLINE);
        out.flush();
    }
}
