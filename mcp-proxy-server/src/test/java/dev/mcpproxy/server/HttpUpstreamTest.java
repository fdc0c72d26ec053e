package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Upstreams reached over HTTP: npm's server-everything in its streamable HTTP and its legacy SSE modes. */
class HttpUpstreamTest {

    @TempDir
    Path dir;

    @Test
    void streamableHttpAndSseUpstreamsAreAggregatedAndAStoppedOneComesBack() throws Exception {
        int streamablePort = freePort();
        int ssePort = freePort();
        Process streamable = everything("streamableHttp", streamablePort);
        Process sse = everything("sse", ssePort);
        try {
            awaitListening(streamablePort);
            awaitListening(ssePort);
            String yaml = """
                    health_check: {enabled: true, interval: 1, timeout: 1}
                    servers:
                      - name: remote
                        transport: streamable-http
                        url: http://127.0.0.1:%d/mcp
                        headers: {X-Test-Token: "not logged"}
                      - name: legacy
                        transport: sse
                        url: http://127.0.0.1:%d/sse
                    """.formatted(streamablePort, ssePort);
            try (SidecarProcess sidecar = SidecarProcess.start(dir, yaml)) {
                sidecar.awaitRunning(2);
                RawMcpSession session = RawMcpSession.open(sidecar.baseUrl + "/mcp");
                assertThat(echo(session, "remote__echo", "over streamable HTTP")).contains("over streamable HTTP");
                assertThat(echo(session, "legacy__echo", "over SSE")).contains("over SSE");

                streamable.destroyForcibly().waitFor();
                Instant stopped = Instant.now();
                JsonNode failed = call(session, "remote__echo", "nobody home");
                assertThat(failed.has("error")).as(failed.toString()).isTrue();
                assertThat(Duration.between(stopped, Instant.now())).isLessThan(Duration.ofSeconds(5));
                assertThat(echo(session, "legacy__echo", "still here")).contains("still here");

                streamable = everything("streamableHttp", streamablePort);
                awaitListening(streamablePort);
                Instant deadline = Instant.now().plusSeconds(60);
                String answer = "";
                while (Instant.now().isBefore(deadline) && !answer.contains("back again")) {
                    JsonNode result = call(session, "remote__echo", "back again");
                    answer = result.path("result").path("content").path(0).path("text").asString("");
                    Thread.sleep(250);
                }
                assertThat(answer).as(String.join("\n", sidecar.stderr)).contains("back again");
                assertThat(String.join("\n", sidecar.stderr)).doesNotContain("not logged");
            }
        } finally {
            streamable.destroyForcibly().waitFor();
            sse.destroyForcibly().waitFor();
        }
    }

    private static String echo(RawMcpSession session, String tool, String message) throws Exception {
        JsonNode response = call(session, tool, message);
        return response.path("result").path("content").path(0).path("text").asString(response.toString());
    }

    private static JsonNode call(RawMcpSession session, String tool, String message) throws Exception {
        ObjectNode params = Json.object().put("name", tool);
        params.putObject("arguments").put("message", message);
        return session.request("tools/call", params);
    }

    private static Process everything(String mode, int port) throws IOException {
        Path modules = SidecarProcess.nodeModules();
        ProcessBuilder builder = new ProcessBuilder("node", "--require", modules.resolveSibling("loopback.cjs").toString(),
                modules.resolve("@modelcontextprotocol/server-everything/dist/index.js").toString(), mode)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("server-everything did not listen on port " + port);
    }
}
