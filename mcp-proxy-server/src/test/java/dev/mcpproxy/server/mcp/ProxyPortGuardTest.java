package dev.mcpproxy.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.server.SidecarProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The MCP port treats every request as possibly hostile: a web page's DNS rebinding (a foreign Host), a cross-site
 * request (a foreign Origin), a missing token, an oversized or malformed request each get a short JSON-RPC error on
 * every route, and nothing of them reaches a server. Raw sockets, because an HTTP client library will not send a
 * foreign Host header.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyPortGuardTest {

    private static final String TOKEN = "proxy-port-token";
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"guard-test","version":"1"}}}""";

    private SidecarProcess sidecar;
    private int port;

    @BeforeAll
    void start() throws Exception {
        sidecar = SidecarProcess.start(Files.createTempDirectory(Path.of("target"), "guard-"),
                "auth_token: " + TOKEN + "\nservers:\n" + SidecarProcess.demoEntry("demo"));
        sidecar.awaitRunning(1);
        port = URI.create(sidecar.baseUrl).getPort();
    }

    @AfterAll
    void stop() throws Exception {
        sidecar.close();
    }

    private record Answer(int status, String body) {
    }

    /** Every route of the port, as method and target, with a body where one belongs. */
    private static final List<String[]> ROUTES = List.of(
            new String[] {"POST", "/mcp", INITIALIZE},
            new String[] {"GET", "/mcp", null},
            new String[] {"DELETE", "/mcp", null},
            new String[] {"POST", "/servers/demo/mcp", INITIALIZE},
            new String[] {"GET", "/sse", null},
            new String[] {"POST", "/messages?sessionId=none", INITIALIZE},
            new String[] {"GET", "/no/such/route", null});

    @Test
    void aForeignHostIsRefusedOnEveryRoute() throws IOException {
        for (String[] route : ROUTES) {
            Answer answer = send(route, "Host: evil.example:" + port, "Authorization: Bearer " + TOKEN);
            assertThat(answer.status()).as(route[0] + " " + route[1]).isEqualTo(403);
            assertThat(answer.body()).contains("\"error\"").contains("Host");
        }
    }

    @Test
    void aForeignOriginIsRefusedOnEveryRouteAndALocalOneIsNot() throws IOException {
        for (String[] route : ROUTES) {
            Answer foreign = send(route, "Host: 127.0.0.1:" + port, "Origin: https://evil.example",
                    "Authorization: Bearer " + TOKEN);
            assertThat(foreign.status()).as(route[0] + " " + route[1]).isEqualTo(403);
            assertThat(foreign.body()).contains("\"error\"");
        }
        Answer local = send(ROUTES.getFirst(), "Host: localhost:" + port, "Origin: http://localhost:" + port,
                "Authorization: Bearer " + TOKEN);
        assertThat(local.status()).isEqualTo(200);
    }

    @Test
    void everyRouteWantsTheToken() throws IOException {
        for (String[] route : ROUTES) {
            assertThat(send(route, "Host: 127.0.0.1:" + port).status()).as(route[0] + " " + route[1])
                    .isEqualTo(401);
            assertThat(send(route, "Host: 127.0.0.1:" + port, "Authorization: Bearer wrong").status())
                    .as(route[0] + " " + route[1] + " with a wrong token").isEqualTo(401);
        }
        assertThat(send(ROUTES.getFirst(), "Host: 127.0.0.1:" + port, "Authorization: Bearer " + TOKEN).status())
                .isEqualTo(200);
    }

    @Test
    void aBodyOverMaxMessageSizeIsRefusedBeforeItIsSent() throws IOException {
        Answer answer = exchange("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (32 * 1024 * 1024 + 1) + "\r\n\r\n");
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":-32600").contains("too large").contains("33554432");
    }

    @Test
    void aRequestWithoutTheTokenIsRefusedBeforeItsBodyIsSent() throws IOException {
        Answer answer = exchange("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json"
                + "\r\nContent-Length: 1000\r\n\r\n");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("\"code\":-32600").contains("Authorization");
    }

    @Test
    void aHostWithUserInformationIsRefused() throws IOException {
        Answer answer = exchange(request("POST", "/mcp", INITIALIZE, "Host: evil.example@127.0.0.1:" + port,
                "Authorization: Bearer " + TOKEN));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("\"code\":-32600").contains("Host");
    }

    @Test
    void malformedRequestsGetJsonRpcErrorsNeverATrace() throws IOException {
        Answer notJson = exchange(request("POST", "/mcp", "{not json", "Host: 127.0.0.1:" + port,
                "Authorization: Bearer " + TOKEN));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"code\":-32700");
        Answer garbage = exchange("NOT AN HTTP REQUEST\r\n\r\n");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body()).startsWith("{\"jsonrpc\":\"2.0\"").doesNotContain("Exception").doesNotContain("\tat ");
    }

    private Answer send(String[] route, String... headers) throws IOException {
        return exchange(request(route[0], route[1], route[2], headers));
    }

    private static String request(String method, String target, String body, String... headers) {
        StringBuilder text = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        text.append("Accept: application/json, text/event-stream\r\n");
        if (body != null) {
            text.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        return text.append("Connection: close\r\n\r\n").append(body == null ? "" : body).toString();
    }

    /** Sends one request on a new connection; the status and the body (whatever came before the server closed). */
    private Answer exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(headText.split(" ")[1]);
            String length = headText.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                    .map(l -> l.substring(15).strip()).findFirst().orElse(null);
            String body = length != null ? new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8)
                    : "";
            return new Answer(status, body);
        }
    }
}
