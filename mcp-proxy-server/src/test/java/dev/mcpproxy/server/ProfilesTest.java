package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Profiles through the real sidecar: the demo server and npm's server-everything, two profiles over them. */
class ProfilesTest {

    private static final String PROFILE_TOKEN = "profile-token-" + Long.toHexString(System.nanoTime());
    private static final String TOOLS_CHANGED = "notifications/tools/list_changed";

    @TempDir
    static Path dir;
    static SidecarProcess sidecar;

    static String yaml(String profiles) {
        Path everything = SidecarProcess.nodeModules().resolve("@modelcontextprotocol/server-everything/dist/index.js");
        return "servers:\n" + SidecarProcess.demoEntry("demo") + """
                  - name: everything
                    command: node
                    args: ["%s", "stdio"]
                """.formatted(everything) + profiles;
    }

    static final String PROFILES = """
            profiles:
              - name: demo-only
                servers:
                  - name: demo
                    tools: {include: ["echo", "a*"]}
              - name: locked
                token: %s
                servers:
                  - name: "every*"
                    tools: {include: ["echo"]}
            """.formatted(PROFILE_TOKEN);

    @BeforeAll
    static void startProxy() throws Exception {
        sidecar = SidecarProcess.start(dir, yaml(PROFILES));
        sidecar.awaitRunning(2);
    }

    @AfterAll
    static void stopProxy() throws Exception {
        sidecar.close();
    }

    @Test
    void theTypeScriptSdkClientOfAProfileSeesAndCallsOnlyItsTools() throws Exception {
        for (String transport : List.of("--http", "--sse")) {
            String url = sidecar.baseUrl + "/profiles/demo-only/" + (transport.equals("--http") ? "mcp" : "sse");
            JsonNode seen = runClient(transport, url, "demo__echo={\"message\":\"through a profile\"}");
            assertThat(seen.path("tools").valueStream().map(JsonNode::asString).toList())
                    .as(transport).containsExactlyInAnyOrder("demo__echo", "demo__add");
            assertThat(seen.path("results").get(0).path("content").get(0).path("text").asString())
                    .contains("through a profile");
        }
    }

    @Test
    void toolsPromptsAndResourcesOutsideTheProfileAreUnknownToIt() throws Exception {
        RawMcpSession all = RawMcpSession.open(sidecar.baseUrl + "/mcp");
        RawMcpSession profile = RawMcpSession.open(sidecar.baseUrl + "/profiles/demo-only/mcp");
        assertThat(names(all, "tools/list", "tools")).contains("everything__echo", "demo__now");

        for (String hidden : List.of("everything__echo", "demo__now")) {
            JsonNode refused = profile.request("tools/call", Json.object().put("name", hidden)
                    .set("arguments", Json.object().put("message", "x")));
            assertThat(refused.path("error").path("message").asString()).isEqualTo("Unknown tool: " + hidden);
        }
        List<String> everythingPrompts = names(all, "prompts/list", "prompts").stream()
                .filter(n -> n.startsWith("everything__")).toList();
        assertThat(everythingPrompts).isNotEmpty();
        assertThat(names(profile, "prompts/list", "prompts")).isNotEmpty().allMatch(n -> n.startsWith("demo__"));
        JsonNode prompt = profile.request("prompts/get", Json.object().put("name", everythingPrompts.getFirst()));
        assertThat(prompt.path("error").path("message").asString()).startsWith("Unknown prompt: ");

        List<String> everythingResources = all.request("resources/list", Json.object()).path("result")
                .path("resources").valueStream().map(r -> r.path("uri").asString())
                .filter(u -> !u.equals("demo://readme")).toList();
        assertThat(everythingResources).isNotEmpty();
        assertThat(profile.request("resources/list", Json.object()).path("result").path("resources").valueStream()
                .map(r -> r.path("uri").asString()).toList()).containsExactly("demo://readme");
        JsonNode read = profile.request("resources/read", Json.object().put("uri", everythingResources.getFirst()));
        assertThat(read.path("error").path("code").asInt()).isEqualTo(-32002);
        JsonNode own = profile.request("resources/read", Json.object().put("uri", "demo://readme"));
        assertThat(own.has("result")).as(own.toString()).isTrue();
    }

    @Test
    void aProfilesClientReadsTheInstructionsOfItsServersOnly() throws Exception {
        String all = Json.parse(post("/mcp", Map.of()).body()).at("/result/instructions").asString();
        assertThat(all).contains("## demo\n", "## everything\n");
        String profile = Json.parse(post("/profiles/demo-only/mcp", Map.of()).body()).at("/result/instructions")
                .asString();
        assertThat(profile).startsWith("## demo\n").doesNotContain("## everything");
    }

    @Test
    void anUnknownProfileIsNotFound() throws Exception {
        HttpResponse<String> answer = post("/profiles/nobody/mcp", Map.of());
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(Json.parse(answer.body()).path("error").path("message").asString()).contains("/profiles/{name}/mcp");
    }

    @Test
    void aProfileWithATokenRefusesRequestsWithoutItBeforeReadingThem() throws Exception {
        for (Map<String, String> headers : List.of(Map.<String, String>of(),
                Map.of("Authorization", "Bearer wrong"), Map.of("Authorization", "Bearer " + PROFILE_TOKEN + "x"))) {
            HttpResponse<String> refused = post("/profiles/locked/mcp", headers);
            assertThat(refused.statusCode()).as(headers.toString()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        }
        RawMcpSession locked = RawMcpSession.open(sidecar.baseUrl + "/profiles/locked/mcp",
                Map.of("Authorization", "Bearer " + PROFILE_TOKEN));
        assertThat(names(locked, "tools/list", "tools")).containsExactly("everything__echo");
        assertThat(post("/profiles/demo-only/mcp", Map.of()).statusCode()).as("a profile without a token").isEqualTo(200);
    }

    @Test
    void aProfilesOwnTokenReplacesAuthTokenThereAndAProfileWithoutOneIsGuardedByAuthToken() throws Exception {
        Path guardedDir = Files.createDirectories(dir.resolve("guarded"));
        try (SidecarProcess guarded = SidecarProcess.start(guardedDir, "auth_token: global-secret\n" + yaml(PROFILES))) {
            Map<String, String> global = Map.of("Authorization", "Bearer global-secret");
            Map<String, String> own = Map.of("Authorization", "Bearer " + PROFILE_TOKEN);
            assertThat(post(guarded, "/mcp", global).statusCode()).isEqualTo(200);
            assertThat(post(guarded, "/profiles/locked/mcp", global).statusCode()).isEqualTo(401);
            assertThat(post(guarded, "/profiles/locked/mcp", own).statusCode()).isEqualTo(200);
            assertThat(post(guarded, "/profiles/demo-only/mcp", Map.of()).statusCode()).isEqualTo(401);
            assertThat(post(guarded, "/profiles/demo-only/mcp", own).statusCode()).isEqualTo(401);
            assertThat(post(guarded, "/profiles/demo-only/mcp", global).statusCode()).isEqualTo(200);
        }
    }

    /**
     * A profile's token kept in the secrets: a configuration naming a secret not set is refused whole (the file
     * unchanged, the problem with the command that sets it); once set, the profile asks for its value, and the entry
     * for a client carries it. A sidecar started on such a file refuses to start, with the same problem.
     */
    @Test
    void aProfileTokenFromTheSecretsGuardsItsEndpointOnceTheSecretIsSet() throws Exception {
        Path secretsDir = Files.createDirectories(dir.resolve("secret-token"));
        String withSecret = yaml("""
                profiles:
                  - name: kept
                    token: "${secret:kept-token}"
                    servers: [{name: demo}]
                """);
        try (SidecarProcess proxy = SidecarProcess.start(secretsDir, yaml(""))) {
            ApiClient api = new ApiClient(proxy.apiUrl);
            String before = api.get("/api/config").body();
            ApiClient.Answer refused = api.put("/api/config", ApiClient.yamlBody(withSecret));
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("profiles[0].token: uses ${secret:kept-token}, which is not set: "
                    + "mcp-proxy-server secret set kept-token");
            assertThat(api.get("/api/config").body()).isEqualTo(before);

            String value = "kept-" + Long.toHexString(System.nanoTime());
            assertThat(api.put("/api/secrets/kept-token", Json.write(Json.object().put("value", value))).status())
                    .isEqualTo(204);
            ApiClient.Answer applied = api.put("/api/config", ApiClient.yamlBody(withSecret));
            assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            assertThat(post(proxy, "/profiles/kept/mcp", Map.of("Authorization", "Bearer " + value)).statusCode())
                    .isEqualTo(200);
            assertThat(post(proxy, "/profiles/kept/mcp", Map.of()).statusCode()).isEqualTo(401);
            assertThat(post(proxy, "/profiles/kept/mcp", Map.of("Authorization", "Bearer ${secret:kept-token}"))
                    .statusCode()).isEqualTo(401);
            assertThat(api.get("/api/clients?profile=kept").body()).contains("Bearer " + value);
            assertThat(api.get("/api/config").body()).contains("${secret:kept-token}").doesNotContain(value);
        }

        Path file = Files.writeString(secretsDir.resolve("unset.yaml"), withSecret);
        Process refusedAtStart = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), dev.mcpproxy.server.sidecar.Main.class.getName(),
                "--config", file.toString(), "--port", "0", "--api-port", "0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String stderr = new String(refusedAtStart.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(refusedAtStart.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(refusedAtStart.exitValue()).isEqualTo(2);
            assertThat(stderr).contains("profiles[0].token: uses ${secret:kept-token}, which is not set");
        } finally {
            refusedAtStart.destroyForcibly();
        }
    }

    @Test
    void listChangedReachesOnlyTheProfilesWhoseToolsChanged() throws Exception {
        List<String> allLines = new CopyOnWriteArrayList<>();
        List<String> demoLines = new CopyOnWriteArrayList<>();
        List<String> lockedLines = new CopyOnWriteArrayList<>();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + PROFILE_TOKEN);
        ApiClient api = new ApiClient(sidecar.apiUrl);
        try (Stream<String> a = RawMcpSession.open(sidecar.baseUrl + "/mcp").openEventStream(allLines);
             Stream<String> d = RawMcpSession.open(sidecar.baseUrl + "/profiles/demo-only/mcp")
                     .openEventStream(demoLines);
             Stream<String> l = RawMcpSession.open(sidecar.baseUrl + "/profiles/locked/mcp", auth)
                     .openEventStream(lockedLines)) {
            assertThat(api.post("/api/servers/demo/stop", "{}").status()).isEqualTo(200);

            await(() -> told(allLines) && told(demoLines), "tools/list_changed on /mcp and demo-only");
            // Both were sent in the same pass as locked's would be; a second more is ample for a stray one.
            Thread.sleep(1000);
            assertThat(lockedLines).noneMatch(line -> line.contains(TOOLS_CHANGED));
        } finally {
            api.post("/api/servers/demo/start", "{}");
            sidecar.awaitRunning(2);
        }
    }

    @Test
    void editingProfilesInTheFileAppliesWithoutRestart() throws Exception {
        Path editDir = Files.createDirectories(dir.resolve("edit"));
        try (SidecarProcess edited = SidecarProcess.start(editDir, yaml(PROFILES))) {
            edited.awaitRunning(2);
            RawMcpSession demoOnly = RawMcpSession.open(edited.baseUrl + "/profiles/demo-only/mcp");
            RawMcpSession locked = RawMcpSession.open(edited.baseUrl + "/profiles/locked/mcp",
                    Map.of("Authorization", "Bearer " + PROFILE_TOKEN));
            List<String> demoLines = new CopyOnWriteArrayList<>();
            try (Stream<String> stream = demoOnly.openEventStream(demoLines)) {
                Files.writeString(editDir.resolve("mcp-proxy-config.yaml"), yaml("""
                        profiles:
                          - name: demo-only
                            servers: [{name: demo, tools: {include: ["now"]}}]
                          - name: added
                            servers: [{name: everything}]
                        """));
                await(() -> told(demoLines), "tools/list_changed to the edited profile's session");
            }
            assertThat(names(demoOnly, "tools/list", "tools")).containsExactly("demo__now");
            assertThat(names(RawMcpSession.open(edited.baseUrl + "/profiles/added/mcp"), "tools/list", "tools"))
                    .contains("everything__echo").noneMatch(n -> n.startsWith("demo__"));
            assertThat(locked.request("tools/list", Json.object()).path("error").path("message").asString())
                    .as("a session of the removed profile").startsWith("Not found.");
        }
    }

    @Test
    void theApiListsEachProfilesEndpointsTokenNeedAndContextCost() throws Exception {
        ApiClient api = new ApiClient(sidecar.apiUrl);
        ApiClient.Answer answer = api.get("/api/profiles");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(PROFILE_TOKEN);
        JsonNode profiles = answer.json().path("profiles");
        assertThat(profiles.valueStream().map(p -> p.path("name").asString()).toList())
                .containsExactly("demo-only", "locked");
        JsonNode demoOnly = profiles.get(0);
        assertThat(demoOnly.path("endpoints").path("mcp").asString())
                .isEqualTo(sidecar.baseUrl + "/profiles/demo-only/mcp");
        assertThat(demoOnly.path("endpoints").path("sse").asString())
                .isEqualTo(sidecar.baseUrl + "/profiles/demo-only/sse");
        assertThat(demoOnly.path("has_token").asBoolean()).isFalse();
        assertThat(profiles.get(1).path("has_token").asBoolean()).isTrue();
        assertThat(demoOnly.path("tool_count").asInt()).isEqualTo(2);
        assertThat(profiles.get(1).path("tool_count").asInt()).isEqualTo(1);

        JsonNode cost = api.get("/api/context-cost").json();
        int demoTools = cost.path("servers").valueStream().filter(s -> s.path("name").asString().equals("demo"))
                .flatMap(s -> s.path("tools").valueStream())
                .filter(t -> List.of("demo__echo", "demo__add").contains(t.path("name").asString()))
                .mapToInt(t -> t.path("tokens").asInt()).sum();
        assertThat(demoTools).isPositive();
        assertThat(demoOnly.path("total_tokens").asInt()).isEqualTo(demoTools);
        assertThat(cost.path("profiles").get(0).path("total_tokens").asInt()).isEqualTo(demoTools);
        assertThat(cost.path("profiles").get(1).path("total_tokens").asInt())
                .isPositive().isLessThan(cost.path("total_tokens").asInt());
    }

    @Test
    void connectAClientOffersAProfilesEndpointWithItsToken() throws Exception {
        ApiClient api = new ApiClient(sidecar.apiUrl);
        JsonNode clients = api.get("/api/clients?profile=locked").json().path("clients");
        String url = sidecar.baseUrl + "/profiles/locked/mcp";
        JsonNode vsCode = Json.parse(clients.valueStream().filter(c -> c.path("id").asString().equals("vscode"))
                .findFirst().orElseThrow().path("snippet").asString()).at("/servers/mcp-proxy");
        assertThat(vsCode.path("url").asString()).isEqualTo(url);
        assertThat(vsCode.at("/headers/Authorization").asString()).isEqualTo("Bearer " + PROFILE_TOKEN);
        JsonNode preview = api.post("/api/clients/cursor/connect?profile=demo-only", "{\"apply\": false}").json();
        assertThat(preview.path("applied").asBoolean()).isFalse();
        assertThat(Json.parse(preview.path("after").asString()).at("/mcpServers/mcp-proxy/url").asString())
                .isEqualTo(sidecar.baseUrl + "/profiles/demo-only/mcp");
        ApiClient.Answer unknown = api.get("/api/clients?profile=nobody");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asString()).startsWith("No profile \"nobody\"");
    }

    private static boolean told(List<String> lines) {
        return lines.stream().anyMatch(line -> line.contains(TOOLS_CHANGED));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("never saw " + what);
            }
            Thread.sleep(50);
        }
    }

    private static List<String> names(RawMcpSession session, String method, String field) throws Exception {
        JsonNode answer = session.request(method, Json.object());
        return answer.path("result").path(field).valueStream().map(t -> t.path("name").asString()).toList();
    }

    private static HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
        return post(sidecar, path, headers);
    }

    private static HttpResponse<String> post(SidecarProcess to, String path, Map<String, String> headers)
            throws Exception {
        ObjectNode params = Json.object().put("protocolVersion", "2025-11-25");
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "profiles-test").put("version", "1");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Json.object().put("jsonrpc", "2.0").put("id", 1)
                        .put("method", "initialize").set("params", params))));
        headers.forEach(request::header);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static JsonNode runClient(String transportFlag, String url, String call) throws Exception {
        Path nodeDir = SidecarProcess.nodeModules().getParent();
        Process client = new ProcessBuilder("node", "sdk-client.mjs", transportFlag, url, "--call", call)
                .directory(nodeDir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        client.getOutputStream().close();
        byte[] out = client.getInputStream().readAllBytes();
        if (!client.waitFor(60, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new AssertionError("the TypeScript SDK client did not finish");
        }
        assertThat(client.exitValue()).as("sdk-client.mjs exit code").isZero();
        return Json.parse(new String(out, StandardCharsets.UTF_8).strip());
    }
}
