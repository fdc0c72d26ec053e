package dev.mcpproxy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.ApiClient;
import dev.mcpproxy.server.SidecarProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Every route of the management port, as the OpenAPI document lists them: the document matches the routes the
 * sidecar serves, every protected route refuses a request without the token (401), and every route refuses a
 * foreign Origin or Host (403).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAccessTest {

    private SidecarProcess sidecar;
    private ApiClient api;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        sidecar = SidecarProcess.start(Files.createTempDirectory(Path.of("target"), "access-"),
                "servers:\n" + SidecarProcess.demoEntry("alpha"));
        sidecar.awaitRunning(1);
        api = new ApiClient(sidecar.apiUrl);
    }

    @AfterAll
    void stop() throws Exception {
        sidecar.close();
    }

    /** Every route of the document as {@code METHOD path}, with {@code {x}} filled in with a real server. */
    private List<String[]> documentedRoutes() throws Exception {
        JsonNode doc = api.get("/api/openapi.json").json();
        List<String[]> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                routes.add(new String[] {method.toUpperCase(Locale.ROOT), path.getKey()});
            }
        }
        return routes;
    }

    @Test
    void theDocumentListsExactlyTheRoutesServed() throws Exception {
        JsonNode doc = api.get("/api/openapi.json").json();
        assertThat(doc.path("openapi").asString()).isEqualTo("3.1.0");
        List<String> documented = documentedRoutes().stream().map(r -> r[0] + " " + r[1]).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(ApiRoutes.ALL);
        for (String[] route : documentedRoutes()) {
            if (route[1].equals("/api/events") || route[1].equals("/ws")) {
                continue;
            }
            // A server that does not exist: nothing is changed, and a 404 must come from the route, not the router.
            String path = route[1].replace("{name}", "nobody").replace("{server}", "nobody")
                    .replace("{id}", "nobody");
            HttpRequest.Builder request = api.request(path).method(route[0], route[0].equals("GET")
                    || route[0].equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"));
            ApiClient.Answer answer = api.send(request.header("Content-Type", "application/json").build());
            assertThat(answer.status()).as(route[0] + " " + path).isNotIn(405, 500);
            assertThat(answer.body()).as(route[0] + " " + path).doesNotContain("Not found: ");
        }
    }

    @Test
    void everyProtectedRouteWantsTheToken() throws Exception {
        for (String[] route : documentedRoutes()) {
            String path = route[1].replace("{name}", "alpha").replace("{server}", "alpha")
                    .replace("{id}", "nobody");
            HttpRequest.Builder plain = HttpRequest.newBuilder(URI.create(sidecar.apiUrl + path))
                    .method(route[0], HttpRequest.BodyPublishers.noBody());
            int without = http.send(plain.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            int wrong = http.send(plain.header("Authorization", "Bearer wrong").build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (path.equals("/health")) {
                assertThat(without).isEqualTo(200);
            } else if (path.equals("/oauth/callback")) {
                assertThat(without).as("the state is the callback's credential; without one it is refused")
                        .isEqualTo(400);
            } else {
                assertThat(without).as(route[0] + " " + path).isEqualTo(401);
                assertThat(wrong).as(route[0] + " " + path + " with a wrong token").isEqualTo(401);
            }
        }
    }

    @Test
    void everyRouteRefusesForeignOriginsAndHosts() throws Exception {
        int port = URI.create(sidecar.apiUrl).getPort();
        for (String[] route : documentedRoutes()) {
            String path = route[1].replace("{name}", "alpha").replace("{server}", "alpha")
                    .replace("{id}", "nobody");
            HttpRequest foreign = api.request(path).method(route[0], HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://evil.example").build();
            assertThat(api.send(foreign).status()).as(route[0] + " " + path + " from evil.example").isEqualTo(403);
            HttpRequest otherLocalPage = api.request(path).method(route[0], HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://localhost:" + (port == 65535 ? 1 : port + 1)).build();
            assertThat(api.send(otherLocalPage).status()).as(route[0] + " " + path + " from another local port")
                    .isEqualTo(403);
            assertThat(rawStatus(port, route[0], path, "rebind.example:" + port)).as(route[0] + " " + path
                    + " with a foreign Host").isEqualTo(403);
        }
        HttpRequest own = api.request("/api/servers").header("Origin", "http://127.0.0.1:" + port).build();
        assertThat(api.send(own).status()).isEqualTo(200);
    }

    @Test
    void aProtectedRouteWithoutTheTokenIsRefusedBeforeItsBodyIsSent() throws Exception {
        int port = URI.create(sidecar.apiUrl).getPort();
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/servers HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n").getBytes());
            String answer = new String(socket.getInputStream().readAllBytes());
            assertThat(answer).startsWith("HTTP/1.1 401 ").contains("WWW-Authenticate: Bearer")
                    .contains("Connection: close").contains("\"error\":\"Unauthorized");
        }
    }

    /** java.net.http will not send a Host header of our choosing; a socket will. */
    private static int rawStatus(int port, String method, String path, String host) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nAuthorization: Bearer " + SidecarProcess.TOKEN + "\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes());
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12));
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    @Test
    void theEntryUrlTurnsTheTokenIntoAStrictCookie() throws Exception {
        HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> entry = noRedirects.send(HttpRequest.newBuilder(URI.create(sidecar.apiUrl + "/?token="
                + SidecarProcess.TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entry.statusCode()).isEqualTo(303);
        assertThat(entry.headers().firstValue("Location")).hasValue("/");
        String cookie = entry.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String pair = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> withCookie = http.send(HttpRequest.newBuilder(URI.create(sidecar.apiUrl
                + "/api/servers")).header("Cookie", pair).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withCookie.statusCode()).isEqualTo(200);
        // An address from an earlier launch: on to the page that says where to go, and no cookie.
        HttpResponse<Void> stale = noRedirects.send(HttpRequest.newBuilder(URI.create(sidecar.apiUrl
                + "/?token=nope")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(stale.statusCode()).isEqualTo(303);
        assertThat(stale.headers().firstValue("Set-Cookie")).isEmpty();
        JsonNode unknown = Json.parse(http.send(HttpRequest.newBuilder(URI.create(sidecar.apiUrl + "/api/nothing"))
                .header("Authorization", "Bearer " + SidecarProcess.TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(unknown.path("error").asString()).startsWith("Not found");
    }
}
