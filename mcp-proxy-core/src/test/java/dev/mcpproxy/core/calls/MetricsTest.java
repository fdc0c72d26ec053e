package dev.mcpproxy.core.calls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private final Metrics metrics = new Metrics();

    @Test
    void targetsPastTheBoundCountTogetherUnderOther() {
        int reads = Metrics.MAX_SERIES + 500;
        for (int i = 0; i < reads; i++) {
            metrics.accept(call("files", "resources/read", "file:///notes/" + i + ".md"));
        }
        metrics.accept(call("files", "resources/read", "file:///notes/0.md"));

        String text = write();
        long series = text.lines().filter(line -> line.startsWith("mcp_proxy_calls_total{")).count();
        assertTrue(series <= Metrics.MAX_SERIES + 1, series + " series");
        assertTrue(text.contains("mcp_proxy_calls_total{server=\"files\",method=\"resources/read\","
                + "target=\"file:///notes/0.md\"} 2\n"), "a series from before the bound goes on counting");
        assertTrue(text.contains("mcp_proxy_calls_total{server=\"files\",method=\"resources/read\","
                + "target=\"(other)\"} " + (reads - Metrics.MAX_SERIES) + "\n"), "the rest counted together");
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndLineFeed() {
        metrics.accept(call("files", "resources/read", "file:///a\\b \"c\"\nd"));
        assertTrue(write().contains("target=\"file:///a\\\\b \\\"c\\\"\\nd\"} 1\n"), write());
    }

    private String write() {
        return metrics.exposition(List.of(), 0);
    }

    private static CompletedCall call(String server, String method, String target) {
        return new CompletedCall(1, Instant.now(), 1_000_000, "session", "client", method, server, target,
                CompletedCall.Outcome.OK, Optional.empty(), 0, 0);
    }
}
