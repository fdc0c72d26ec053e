package dev.mcpproxy.server.secrets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcpproxy.core.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The smallest streamable-HTTP MCP server (initialize, an empty tool list) that keeps one request header of every
 * request. No real MCP server shows the headers it was sent, and those are what the test must see.
 */
final class HeaderRecordingMcpServer implements AutoCloseable {

    private final HttpServer server;
    private final String header;
    final List<String> seen = new CopyOnWriteArrayList<>();

    HeaderRecordingMcpServer(String header) throws IOException {
        this.header = header;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mcp", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
    }

    private void handle(HttpExchange exchange) throws IOException {
        seen.add(String.valueOf(exchange.getRequestHeaders().getFirst(header)));
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        JsonNode request;
        try {
            request = Json.parse(exchange.getRequestBody().readAllBytes());
        } catch (Json.MalformedJsonException e) {
            throw new IOException(e);
        }
        if (!request.has("id")) {
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
            return;
        }
        ObjectNode result = Json.object();
        switch (request.path("method").asString()) {
            case "initialize" -> {
                result.put("protocolVersion", request.path("params").path("protocolVersion").asString());
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "header-recorder").put("version", "1");
            }
            case "tools/list" -> result.putArray("tools");
            default -> { }
        }
        ObjectNode response = Json.object().put("jsonrpc", "2.0").set("id", request.get("id"));
        response.set("result", result);
        byte[] body = Json.write(response).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
