package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks are scripts anyone can run: both run here end to end, in miniature (a few calls, a second of wrk, one
 * round), on the built launcher, the peers of bench/peers and the floor, and report every figure they exist for. The
 * figures themselves are not judged here (timings belong in the benchmarks' own runs, not in tests); that MCP Proxy
 * answers every call wrk makes is.
 */
class BenchScriptsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theComparisonRunsAndReportsEveryTarget() throws Exception {
        String report = run(List.of("bash", "bench/run.sh"), Map.of("ROUNDS", "1", "N", "40", "C", "2", "PER", "20",
                "STARTUP_TRIALS", "1", "SECOND_PASS", "0", "WRK_SECS", "1", "WRK_WARMUP_SECS", "1"));
        String wrk = section(report, "wrk (", "Spawn → every server's tools usable");
        String startup = section(report, "Spawn → every server's tools usable", "Node load client");
        String node = section(report, "Node load client", null);

        for (String setup : List.of("MCP Proxy, streamable HTTP /mcp", "mcp-proxy, streamable HTTP /mcp",
                "supergateway (stateful HTTP), streamable HTTP /mcp", "JVM forwarder floor (bench/floor)",
                "server-everything's own streamable HTTP, no proxy")) {
            // p50, calls/s sequential and with 8 connections, ..., and the count of wrk's errors last.
            assertThat(wrk).as(setup).containsPattern(
                    "\\| " + Pattern.quote(setup) + " \\| [0-9.]+ \\| [0-9]+ \\| [0-9]+ \\|.* \\| [0-9]+ \\|\n");
        }
        assertThat(wrk).as("MCP Proxy answers every call wrk makes").containsPattern(
                "\\| MCP Proxy, streamable HTTP /mcp \\|.* \\| 0 \\|\n").doesNotContain("**wrk errors**");
        for (String target : List.of("wrk sequential calls/s ÷ best peer", "wrk 8 connections calls/s ÷ best peer",
                "wrk proxy CPU per call ÷ floor", "wrk proxy CPU per call ÷ best peer")) {
            assertThat(wrk).as(target).containsPattern(targetWithRatio(target));
        }

        for (String until : List.of("| upstreams alone, no proxy | every upstream has answered initialize and tools/list |",
                "| MCP Proxy | /health says every server ready |",
                "| MCP Proxy | then tools/list on /mcp lists tools of every server |",
                "| mcp-hub | /api/health ready with every server connected |")) {
            // One upstream, then two.
            assertThat(startup).as(until).containsPattern(Pattern.quote(until) + " [0-9]+ \\| [0-9]+ \\|");
        }
        for (String target : List.of("tools usable ÷ upstreams alone", "tools usable ÷ mcp-hub ready",
                "two upstreams: tools usable ÷ upstreams alone", "two upstreams: tools usable ÷ mcp-hub ready")) {
            assertThat(startup).as(target).containsPattern(targetWithRatio(target));
        }

        for (String setup : List.of("direct stdio, no proxy", "MCP Proxy, streamable HTTP /mcp", "MCP Proxy, SSE /sse",
                "mcp-proxy, streamable HTTP /mcp", "mcp-proxy, SSE /sse",
                "supergateway (stateful HTTP), streamable HTTP /mcp", "supergateway (SSE), SSE /sse",
                "mcp-hub, SSE /mcp", "JVM forwarder floor (bench/floor)",
                "server-everything's own streamable HTTP, no proxy")) {
            assertThat(node).as(setup).containsPattern("\\| " + Pattern.quote(setup) + " \\| [0-9.]+ \\| [0-9]+ \\|");
        }
        for (String target : List.of("sequential calls/s ÷ best peer", "sequential calls/s ÷ direct stdio",
                "2 clients calls/s ÷ best peer", "proxy CPU per call ÷ best peer", "idle RSS ÷ mcp-hub",
                "spawn → /health ÷ mcp-hub ready")) {
            assertThat(node).as(target).containsPattern(targetWithRatio(target));
        }
    }

    @Test
    void theLogFloodRunsAndLosesNoLine() throws Exception {
        String report = run(List.of("node", "bench/logflood.mjs"), Map.of("ROUNDS", "1", "DURATION", "6000",
                "WINDOW", "1000", "LEAD", "1000", "C", "2"));
        Matcher lines = Pattern.compile("Log lines: written (\\d+), received (\\d+), lost 0;").matcher(report);
        assertThat(lines.find()).as(report).isTrue();
        assertThat(Long.parseLong(lines.group(1))).isPositive().isEqualTo(Long.parseLong(lines.group(2)));
        assertThat(report).contains("| 1 | sequential |").contains("| 1 | 2 clients |");
    }

    @Test
    void theFirstPageLoadIsMeasuredBesideTheFloor() throws Exception {
        String report = run(List.of("node", "bench/ui-load.mjs", "1"), Map.of());
        assertThat(report).containsPattern("MCP Proxy UI  median [0-9]+ ").containsPattern("floor page    median [0-9]+ ")
                .containsPattern("ratio         [0-9]+\\.[0-9]+× the floor; target < 500 ms");
    }

    private static String targetWithRatio(String target) {
        return "\\| " + Pattern.quote(target) + " \\| [0-9]+\\.[0-9]+ \\|";
    }

    /** The report from the line that starts with first up to the line that starts with next (or the end). */
    private static String section(String report, String first, String next) {
        int start = report.indexOf("\n" + first);
        int end = next == null ? report.length() : report.indexOf("\n" + next, start + 1);
        assertThat(start).as("a section \"" + first + "\" in:\n" + report).isNotNegative();
        assertThat(end).as("a section \"" + next + "\" after \"" + first + "\" in:\n" + report).isPositive();
        return report.substring(start, end);
    }

    /** Runs a script from the checkout's root; its standard output, once it has exited 0. */
    private static String run(List<String> command, Map<String, String> environment) throws IOException,
            InterruptedException {
        Path out = Files.createTempFile(Path.of("target"), "bench-", ".out");
        Path err = Files.createTempFile(Path.of("target"), "bench-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean exited = process.waitFor(10, TimeUnit.MINUTES);
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String report = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(exited && process.exitValue() == 0).as(report + "\n" + Files.readString(err)).isTrue();
        return report;
    }
}
