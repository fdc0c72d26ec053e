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
 * The benchmarks are scripts anyone can run: both run here end to end, in miniature (a few calls, one round), on the
 * built launcher, the peers of bench/peers and the floor, and report every figure they exist for. The figures
 * themselves are not judged here (timings belong in the benchmarks' own runs, not in tests).
 */
class BenchScriptsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theComparisonRunsAndReportsEveryTarget() throws Exception {
        String report = run(List.of("bash", "bench/run.sh"), Map.of("ROUNDS", "1", "N", "40", "C", "2", "PER", "20",
                "STARTUP_TRIALS", "1", "SECOND_PASS", "0"));
        for (String setup : List.of("direct stdio, no proxy", "MCP Proxy, streamable HTTP /mcp", "MCP Proxy, SSE /sse",
                "mcp-proxy, streamable HTTP /mcp", "mcp-proxy, SSE /sse",
                "supergateway (stateful HTTP), streamable HTTP /mcp", "supergateway (SSE), SSE /sse",
                "mcp-hub, SSE /mcp", "JVM forwarder floor (bench/floor)")) {
            assertThat(report).as(setup).containsPattern("\\| " + Pattern.quote(setup) + " \\| [0-9.]+ \\| [0-9]+ \\|");
        }
        for (String target : List.of("sequential calls/s ÷ best peer", "sequential calls/s ÷ direct stdio",
                "2 clients calls/s ÷ best peer", "proxy CPU per call ÷ best peer", "idle RSS ÷ mcp-hub",
                "spawn → /health ÷ mcp-hub ready")) {
            assertThat(report).as(target).containsPattern("\\| " + Pattern.quote(target) + " \\| [0-9]+\\.[0-9]+ \\|");
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
