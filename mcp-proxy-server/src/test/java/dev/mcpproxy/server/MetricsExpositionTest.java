package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a real sidecar after real calls, read by Prometheus' own checker ({@code promtool check
 * metrics}, from Debian's prometheus package; .ci/run installs it) and held to the rule of the text format that
 * promtool lets pass: each family one group, its HELP and TYPE once, before its samples.
 */
class MetricsExpositionTest {

    private static final List<String> FAMILIES = List.of("mcp_proxy_calls_total", "mcp_proxy_call_errors_total",
            "mcp_proxy_call_duration_seconds", "mcp_proxy_server_up", "mcp_proxy_server_restarts_total",
            "mcp_proxy_sessions");

    @TempDir
    Path dir;

    @Test
    void theMetricsTextPassesPromtoolWithEachFamilyInOneGroup() throws Exception {
        try (SidecarProcess sidecar = SidecarProcess.start(dir, "servers:\n" + SidecarProcess.demoEntry("alpha")
                + SidecarProcess.demoEntry("beta"))) {
            sidecar.awaitRunning(2);
            RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            for (int i = 0; i < 3; i++) {
                client.request("tools/call", Json.object().put("name", "alpha__echo")
                        .set("arguments", Json.object().put("message", "call " + i)));
            }
            client.request("tools/call", Json.object().put("name", "beta__add")
                    .set("arguments", Json.object().put("a", 1).put("b", 2)));
            // A target with the characters a label value escapes: a quote and a backslash.
            client.request("resources/read", Json.object().put("uri", "demo://greeting/a\"b\\c"));

            var metrics = new ApiClient(sidecar.apiUrl).get("/metrics");
            assertThat(metrics.response().headers().firstValue("Content-Type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            String text = metrics.body();

            assertThat(promtool(text)).as("promtool check metrics on:\n" + text).isEmpty();
            assertThat(groups(text)).as(text).containsExactlyElementsOf(FAMILIES);
            assertThat(text)
                    .contains("mcp_proxy_calls_total{server=\"alpha\",method=\"tools/call\",target=\"echo\"} 3\n")
                    .contains("mcp_proxy_calls_total{server=\"beta\",method=\"tools/call\",target=\"add\"} 1\n")
                    .contains("target=\"demo://greeting/a\\\"b\\\\c\"} 1\n")
                    .contains("mcp_proxy_server_up{server=\"beta\"} 1\n")
                    .contains("mcp_proxy_sessions 1\n");
        }
    }

    /** What {@code promtool check metrics} says of the text: nothing when it is valid and passes its lint. */
    private static String promtool(String text) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is needed to check /metrics: install Debian's package prometheus "
                    + "(.ci/run does)", e);
        }
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0 ? said : "exit " + process.exitValue() + ": " + said;
    }

    /**
     * The families in the order their groups come, one entry per group: a family split in two, or interleaved with
     * another, appears twice. Fails on a second HELP or TYPE in a group, or one after its samples.
     */
    private static List<String> groups(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>();
        List<String> linesOfGroup = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String family;
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] words = line.split(" ", 4);
                family = words[2];
                if (line.startsWith("# TYPE ")) {
                    types.put(family, words[3]);
                }
            } else {
                family = familyOf(line.split("[{ ]", 2)[0], types);
            }
            if (groups.isEmpty() || !groups.getLast().equals(family)) {
                groups.add(family);
                linesOfGroup.clear();
            }
            if (line.startsWith("#")) {
                String kind = line.substring(0, 6);
                assertThat(linesOfGroup).as("%s of %s in:%n%s", kind, family, text)
                        .allMatch(seen -> seen.startsWith("#") && !seen.startsWith(kind));
            }
            linesOfGroup.add(line);
        }
        return groups;
    }

    private static String familyOf(String sampleName, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            String base = sampleName.endsWith(suffix)
                    ? sampleName.substring(0, sampleName.length() - suffix.length()) : null;
            if (base != null && List.of("histogram", "summary").contains(types.get(base))) {
                return base;
            }
        }
        return sampleName;
    }
}
