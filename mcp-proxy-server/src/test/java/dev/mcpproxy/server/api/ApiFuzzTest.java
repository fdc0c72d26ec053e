package dev.mcpproxy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.server.ApiClient;
import dev.mcpproxy.server.SidecarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and malformed bodies and names thrown at every mutating route of a real sidecar: never a 5xx, and a
 * rejected request leaves the configuration file exactly as it was.
 */
class ApiFuzzTest {

    private static Path config;
    private static SidecarProcess sidecar;
    private static ApiClient api;

    @BeforeContainer
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "fuzz-");
        config = dir.resolve("mcp-proxy-config.yaml");
        Files.writeString(config, "servers:\n" + SidecarProcess.demoEntry("alpha"));
        sidecar = SidecarProcess.start(config);
        sidecar.awaitRunning(1);
        api = new ApiClient(sidecar.apiUrl);
    }

    @AfterContainer
    static void stop() throws Exception {
        sidecar.close();
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> junk = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "[]", "{}", "\"\""),
                Arbitraries.strings().alpha().ofMaxLength(20).map(s -> "\"" + s + "\""));
        Arbitrary<String> key = Arbitraries.of("name", "command", "args", "env", "transport", "url", "yaml", "json",
                "apply", "enabled", "tools", "prefix", "restart", "cwd", "headers", "request_timeout", "method", "params",
                "x", "");
        Arbitrary<String> object = Combinators.combine(key, scalar, key, scalar)
                .as((k1, v1, k2, v2) -> "{\"" + k1 + "\": " + v1 + ", \"" + k2 + "\": " + v2 + "}");
        Arbitrary<String> yaml = Arbitraries.of("servers: 3", "servers:\n  - name: [", "proxy_port: -1",
                "servers:\n  - name: a\n    transport: stdoi", "servers:\n  - name: a\n    command: x\n  - name: a\n"
                        + "    command: y", "servers:\n  - {}", "health_check: {interval: -5}", ":", "- - -",
                "servers:\n  - name: \"../../etc\"\n    command: x")
                .map(y -> "{\"yaml\": " + tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(y) + "}");
        return Arbitraries.oneOf(junk, scalar, object, yaml);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("abc./%-_~ \\\u00e9").ofMaxLength(12),
                Arbitraries.of("..", "%2e%2e", "alpha%2F..", "nobody", "a".repeat(100)));
    }

    @Provide
    Arbitrary<String> mutatingRoutes() {
        return Arbitraries.of("POST /api/servers", "PUT /api/config", "POST /api/config/validate", "POST /api/import",
                "POST /api/servers/alpha/call");
    }

    @Property(tries = 150)
    void randomBodiesAreRefusedCleanly(@ForAll("mutatingRoutes") String route, @ForAll("bodies") String body)
            throws Exception {
        String before = Files.readString(config);
        String[] parts = route.split(" ");
        var request = api.request(parts[1]).header("Content-Type", "application/json")
                .method(parts[0], java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        ApiClient.Answer answer = api.send(request);
        assertThat(answer.status()).as(route + " " + body + " -> " + answer.body()).isLessThan(500);
        if (answer.status() >= 400) {
            assertThat(Files.readString(config)).as("file after a refused " + route).isEqualTo(before);
            assertThat(answer.json().path("error").isString()).isTrue();
        } else if (!route.endsWith("validate") && !Files.readString(config).equals(before)) {
            Files.writeString(config, before);
            api.put("/api/config", ApiClient.yamlBody(before));
        }
    }

    @Property(tries = 100)
    void randomNamesInPathsAreRefusedCleanly(@ForAll("names") String name,
                                             @ForAll("serverActions") String action) throws Exception {
        String before = Files.readString(config);
        String encoded = name.replace("%", "%25").replace(" ", "%20").replace("\\", "%5C").replace("/", "%2F")
                .replace("\u00e9", "%C3%A9");
        String[] parts = action.replace("{name}", encoded).split(" ");
        java.net.http.HttpRequest request;
        try {
            request = api.request(parts[1]).method(parts[0], java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build();
        } catch (IllegalArgumentException notAUri) {
            return;
        }
        ApiClient.Answer answer = api.send(request);
        assertThat(answer.status()).as(action + " " + name + " -> " + answer.body()).isLessThan(500);
        if (!name.equals("alpha")) {
            assertThat(Files.readString(config)).isEqualTo(before);
        }
    }

    @Provide
    Arbitrary<String> serverActions() {
        return Arbitraries.of("GET /api/servers/{name}", "DELETE /api/servers/{name}",
                "POST /api/servers/{name}/start", "POST /api/servers/{name}/stop",
                "POST /api/servers/{name}/restart", "GET /api/logs/{name}", "POST /api/servers/{name}/call",
                "GET /api/calls/{name}");
    }
}
