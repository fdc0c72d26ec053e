package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.upstream.auth.FormBrowser;
import dev.mcpproxy.core.upstream.auth.GuardedServer;
import dev.mcpproxy.server.sidecar.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sidecar signing in to a remote server: npm's oidc-provider (dynamic registration, PKCE, refresh tokens,
 * resource indicators) guarding the TypeScript SDK's MCP server, added through the API beside a local server that
 * must not notice; signed in through the API, and again from the terminal with {@code mcp-proxy-server login}.
 */
class RemoteSignInTest {

    /** The access token lives 35 s: 5 s after it was issued it is inside the proxy's 30 s renewal margin. */
    private static final int ACCESS_TOKEN_SECONDS = 35;

    @TempDir
    Path dir;

    @Test
    void aServerWithoutTokenWaitsForSignInThenServesRenewsAndAsksAgainWhenRevoked() throws Exception {
        try (GuardedServer guarded = new GuardedServer(ACCESS_TOKEN_SECONDS);
             SidecarProcess sidecar = SidecarProcess.start(dir, """
                     servers:
                       - name: local
                         command: node
                         args: ["%s", "stdio"]
                     """.formatted(
                     SidecarProcess.nodeModules().resolve("@modelcontextprotocol/server-everything/dist/index.js")))) {
            ApiClient api = new ApiClient(sidecar.apiUrl);
            List<String> events = new CopyOnWriteArrayList<>();
            HttpResponse<Stream<String>> eventStream = HttpClient.newHttpClient().send(api.request("/api/events")
                    .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofLines());
            Thread.ofVirtual().start(() -> {
                try {
                    eventStream.body().forEach(events::add);
                } catch (UncheckedIOException e) {
                    // The sidecar ended the stream.
                }
            });
            ApiClient.Answer added = api.post("/api/servers", Json.write(Json.object().put("name", "remote")
                    .put("transport", "streamable-http").put("url", guarded.mcp().toString())
                    .set("oauth", Json.object().set("scopes", Json.array().add("mcp")))));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            assertThat(api.get("/api/config").body()).as("the oauth block is written to the file").contains("oauth");
            JsonNode waiting = api.await("/api/servers/remote",
                    server -> server.path("state").asString().equals("needs-sign-in"));
            assertThat(waiting.path("sign_in_url").asString()).isEqualTo("/api/servers/remote/sign-in");
            assertThat(waiting.path("restarts").asInt()).as(String.join("\n", sidecar.stderr)).isZero();
            try (HttpClient browser = HttpClient.newHttpClient()) {
                HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(URI.create(sidecar.apiUrl
                        + "/oauth/callback?code=stolen&state=forged")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(forged.statusCode()).isEqualTo(400);
                assertThat(forged.body()).contains("Sign-in failed: No sign-in of the proxy's is waiting");
            }
            assertThat(api.get("/api/servers/remote").json().path("state").asString()).isEqualTo("needs-sign-in");
            assertThat(api.get("/health").json().path("servers").path("needs_sign_in").asInt()).isEqualTo(1);

            signIn(api, sidecar);

            api.await("/api/servers/remote", server -> server.path("state").asString().equals("running"));
            RawMcpSession session = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            assertThat(whoami(session)).contains("signed in as");
            Instant renewable = Instant.now().plusSeconds(ACCESS_TOKEN_SECONDS - 30);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), renewable).toMillis() + 500));
            assertThat(whoami(session)).as("a call with a renewed token").contains("signed in as");
            assertThat(guarded.grants("refresh_token")).isGreaterThanOrEqualTo(1);

            try (HttpClient http = HttpClient.newHttpClient()) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guarded.mcpPort
                        + "/revoke-grants")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
            }
            assertThat(whoami(session)).contains("sign in again");
            api.await("/api/servers/remote", server -> server.path("state").asString().equals("needs-sign-in"));
            ObjectNode echo = Json.object().put("name", "local__echo");
            echo.putObject("arguments").put("message", "still here");
            assertThat(session.request("tools/call", echo).toString()).contains("still here");
            assertThat(api.get("/api/servers/local").json().path("state").asString()).isEqualTo("running");

            loginFromTheTerminal(sidecar);
            assertThat(whoami(RawMcpSession.open(sidecar.baseUrl + "/mcp"))).contains("signed in as");
            String told = String.join("\n", events);
            assertThat(told).as("the UI hears of each state").contains(
                    "\"server\":\"remote\",\"state\":\"needs-sign-in\"", "\"server\":\"remote\",\"state\":\"running\"");
            assertNoTokenIn(guarded, told, String.join("\n", sidecar.stderr) + String.join("\n", sidecar.stdout),
                    api.get("/api/config").body(), api.get("/api/servers").body(), api.get("/metrics").body(),
                    api.get("/api/logs/remote").body(), api.get("/api/calls").body());
        }
    }

    /**
     * A confidential client registered by hand, its secret written as {@code ${secret:…}}: while the secret is not
     * set the sign-in is refused with the command that sets it; once set, the authorization server takes the secret
     * at the token endpoint (it refuses a confidential client's code otherwise), and the config keeps the reference.
     */
    @Test
    void aConfiguredClientsSecretIsReadFromTheSecretsAsTheSignInStarts() throws Exception {
        try (GuardedServer guarded = new GuardedServer(ACCESS_TOKEN_SECONDS);
             SidecarProcess sidecar = SidecarProcess.start(dir, "servers: []\n")) {
            ApiClient api = new ApiClient(sidecar.apiUrl);
            JsonNode client = registerConfidentialClient(guarded,
                    "http://127.0.0.1:" + URI.create(sidecar.apiUrl).getPort() + "/oauth/callback");
            String clientSecret = client.path("client_secret").asString();
            assertThat(clientSecret).isNotEmpty();
            ApiClient.Answer added = api.post("/api/servers", Json.write(Json.object().put("name", "remote")
                    .put("transport", "streamable-http").put("url", guarded.mcp().toString())
                    .set("oauth", Json.object().put("client_id", client.path("client_id").asString())
                            .put("client_secret", "${secret:remote-client}").set("scopes", Json.array().add("mcp")))));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            api.await("/api/servers/remote", server -> server.path("state").asString().equals("needs-sign-in"));

            ApiClient.Answer unset = api.post("/api/servers/remote/sign-in", "{}");
            assertThat(unset.status()).as(unset.body()).isEqualTo(409);
            assertThat(unset.body()).contains("remote's oauth.client_secret uses ${secret:remote-client}, which is "
                    + "not set: mcp-proxy-server secret set remote-client");

            assertThat(api.put("/api/secrets/remote-client", Json.write(Json.object().put("value", clientSecret)))
                    .status()).isEqualTo(204);
            signIn(api, sidecar);
            api.await("/api/servers/remote", server -> server.path("state").asString().equals("running"));
            assertThat(whoami(RawMcpSession.open(sidecar.baseUrl + "/mcp"))).contains("signed in as");
            assertThat(guarded.grants("authorization_code")).isEqualTo(1);
            assertThat(api.get("/api/config").body()).contains("${secret:remote-client}").doesNotContain(clientSecret);
        }
    }

    /** RFC 7591 registration of a client that authenticates with its secret (HTTP Basic) at the token endpoint. */
    private static JsonNode registerConfidentialClient(GuardedServer guarded, String redirectUri) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String issuer = "http://127.0.0.1:" + guarded.authorizationPort;
            JsonNode metadata = Json.parse(http.send(HttpRequest.newBuilder(URI.create(issuer
                    + "/.well-known/oauth-authorization-server")).build(), HttpResponse.BodyHandlers.ofString()).body());
            ObjectNode registration = Json.object().put("token_endpoint_auth_method", "client_secret_basic");
            registration.putArray("redirect_uris").add(redirectUri);
            registration.putArray("grant_types").add("authorization_code").add("refresh_token");
            registration.putArray("response_types").add("code");
            HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(
                            metadata.path("registration_endpoint").asString()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(registration))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            return Json.parse(registered.body());
        }
    }

    private static void signIn(ApiClient api, SidecarProcess sidecar) throws Exception {
        ApiClient.Answer started = api.post("/api/servers/remote/sign-in", "{}");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        URI authorization = URI.create(started.json().path("url").asString());
        int apiPort = URI.create(sidecar.apiUrl).getPort();
        URI callback = new FormBrowser().signIn(authorization, apiPort);
        assertThat(callback.getPath()).isEqualTo("/oauth/callback");
        try (HttpClient browser = HttpClient.newHttpClient()) {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(callback).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("Signed in to remote, you can close this tab.");
        }
    }

    /** {@code mcp-proxy-server login remote} as a process: it prints the address, then waits for the sign-in. */
    private static void loginFromTheTerminal(SidecarProcess sidecar) throws Exception {
        int apiPort = URI.create(sidecar.apiUrl).getPort();
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "login", "remote", "--api-port",
                Integer.toString(apiPort)).redirectErrorStream(true);
        builder.environment().put("MCP_PROXY_TOKEN", SidecarProcess.TOKEN);
        Process login = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(login.getInputStream(),
                StandardCharsets.UTF_8))) {
            List<String> printed = new ArrayList<>();
            String line = out.readLine();
            while (line != null && !line.strip().startsWith("http")) {
                printed.add(line);
                line = out.readLine();
            }
            assertThat(line).as("login printed: " + printed).isNotNull();
            URI callback = new FormBrowser().signIn(URI.create(line.strip()), apiPort);
            try (HttpClient browser = HttpClient.newHttpClient()) {
                browser.send(HttpRequest.newBuilder(callback).build(), HttpResponse.BodyHandlers.discarding());
            }
            String rest = out.lines().collect(Collectors.joining("\n"));
            assertThat(login.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(login.exitValue()).as(rest).isZero();
            assertThat(rest).contains("remote is signed in and running, 1 tools");
        } finally {
            login.destroyForcibly();
        }
    }

    private static void assertNoTokenIn(GuardedServer guarded, String... places) {
        assertThat(guarded.issuedTokens()).hasSizeGreaterThanOrEqualTo(4);
        for (String token : guarded.issuedTokens()) {
            for (String place : places) {
                assertThat(place).doesNotContain(token);
            }
        }
    }

    private static String whoami(RawMcpSession session) throws Exception {
        ObjectNode params = Json.object().put("name", "remote__whoami");
        params.putObject("arguments");
        return session.request("tools/call", params).toString();
    }
}
