package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a web page or a local program can throw at the real sidecar, with the launcher's heap: 60 connections on
 * each port that announce a 16 MB body, send a few bytes and wait, without a token. Memory follows what arrived,
 * not what was announced, so the sidecar stays whole: /health and tool calls answer meanwhile, and nothing ran out
 * of memory.
 */
class HostileConnectionsTest {

    private static final int CONNECTIONS = 60;
    /** Under the MCP port's body limit (max_message_size, 32 MiB by default), so that the head is admitted there. */
    private static final int ANNOUNCED = 16_000_000;

    @Test
    void sixtyConnectionsPerPortAnnouncingSixteenMegabytesDoNotExhaustTheSidecar() throws Exception {
        try (SidecarProcess sidecar = SidecarProcess.start(Files.createTempDirectory(Path.of("target"), "hostile-"),
                "servers:\n" + SidecarProcess.demoEntry("demo"))) {
            sidecar.awaitRunning(1);
            List<Socket> attackers = new ArrayList<>();
            try {
                for (String base : List.of(sidecar.baseUrl, sidecar.apiUrl)) {
                    URI uri = URI.create(base);
                    String path = base.equals(sidecar.baseUrl) ? "/mcp" : "/api/servers";
                    for (int i = 0; i < CONNECTIONS; i++) {
                        Socket socket = new Socket("127.0.0.1", uri.getPort());
                        attackers.add(socket);
                        socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + uri.getPort()
                                + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                                + "Content-Length: " + ANNOUNCED + "\r\n\r\n{\"jsonrpc\"").getBytes(StandardCharsets.US_ASCII));
                    }
                }
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sidecar.apiUrl + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                RawMcpSession session = RawMcpSession.open(sidecar.baseUrl + "/mcp");
                JsonNode echo = session.request("tools/call", Json.object().put("name", "demo__echo")
                        .set("arguments", Json.object().put("message", "still here")));
                assertThat(echo.path("result").path("content").get(0).path("text").asString()).contains("still here");
            } finally {
                for (Socket socket : attackers) {
                    close(socket);
                }
            }
            Thread.sleep(500);
            assertThat(sidecar.process.isAlive()).as("the sidecar is alive").isTrue();
            assertThat(String.join("\n", sidecar.stderr)).doesNotContain("OutOfMemoryError");
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all a test does with it.
        }
    }
}
