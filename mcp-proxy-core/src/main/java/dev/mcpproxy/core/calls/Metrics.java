package dev.mcpproxy.core.calls;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counters and latency histograms of calls per server and tool; and the one writer of the proxy's Prometheus text,
 * which adds the servers' and sessions' gauges it is handed.
 */
public final class Metrics implements Consumer<CompletedCall> {

    /** Upper bounds of the latency buckets, in seconds: tool calls range from a millisecond to minutes. */
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
            30, 60};

    /**
     * Series kept at most. The target label is whatever clients ask for (a resource URI per file read, any tool
     * name), so without a bound a long session could make a series of every one and run the proxy out of memory;
     * past it, calls count under target "(other)" of their server and method.
     */
    static final int MAX_SERIES = 1000;
    static final String OTHER_TARGETS = "(other)";

    private final Map<Key, Series> series = new ConcurrentHashMap<>();

    /**
     * Looked up once per call. Its equals and hashCode are written out: a record's generated ones go through method
     * handles, which the proxy's C1-only JIT (see the launcher) compiles to noticeably slower code.
     */
    private record Key(String server, String method, String target) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && server.equals(key.server) && method.equals(key.method)
                    && target.equals(key.target);
        }

        @Override
        public int hashCode() {
            return (server.hashCode() * 31 + method.hashCode()) * 31 + target.hashCode();
        }
    }

    private static final class Series {
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        final LongAdder sumNanos = new LongAdder();

        Series() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    @Override
    public void accept(CompletedCall call) {
        Key key = new Key(call.server(), call.method(), call.target());
        Series s = series.get(key);
        if (s == null) {
            s = series.size() < MAX_SERIES ? series.computeIfAbsent(key, k -> new Series())
                    : series.computeIfAbsent(new Key(call.server(), call.method(), OTHER_TARGETS), k -> new Series());
        }
        s.calls.increment();
        if (call.outcome() != CompletedCall.Outcome.OK) {
            s.errors.increment();
        }
        s.sumNanos.add(call.durationNanos());
        double seconds = call.durationNanos() / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                s.buckets[i].increment();
                break;
            }
        }
    }

    /** A server's state for the gauges, read when the metrics are asked for. */
    public record ServerGauges(String server, boolean up, int restarts) {
    }

    /** The content type of {@link #exposition}. */
    public static String contentType() {
        return PrometheusText.CONTENT_TYPE;
    }

    /**
     * The whole text of {@code /metrics}: the call series counted here, then the servers' and sessions' gauges,
     * each family in one group.
     */
    public String exposition(List<ServerGauges> servers, int sessions) {
        return new PrometheusText()
                .family("mcp_proxy_calls_total", "counter", "Requests forwarded to upstream servers.",
                        family -> series.forEach((k, s) -> family.sample("", labels(k), s.calls.sum())))
                .family("mcp_proxy_call_errors_total", "counter",
                        "Forwarded requests that ended in an error, a tool error or a cancellation.",
                        family -> series.forEach((k, s) -> family.sample("", labels(k), s.errors.sum())))
                .family("mcp_proxy_call_duration_seconds", "histogram",
                        "Time from forwarding a request to its answer.", family -> series.forEach((k, s) -> {
                            long cumulative = 0;
                            for (int i = 0; i < BUCKETS.length; i++) {
                                cumulative += s.buckets[i].sum();
                                family.sample("_bucket", labels(k, String.valueOf(BUCKETS[i])), cumulative);
                            }
                            long calls = s.calls.sum();
                            family.sample("_bucket", labels(k, "+Inf"), calls);
                            family.sample("_sum", labels(k), s.sumNanos.sum() / 1e9);
                            family.sample("_count", labels(k), calls);
                        }))
                .family("mcp_proxy_server_up", "gauge", "Whether the server is running (1) or not (0).",
                        family -> servers.forEach(g -> family.sample("", PrometheusText.labels("server", g.server()),
                                g.up() ? 1 : 0)))
                .family("mcp_proxy_server_restarts_total", "counter",
                        "Restarts of the server since the proxy started.",
                        family -> servers.forEach(g -> family.sample("", PrometheusText.labels("server", g.server()),
                                g.restarts())))
                .family("mcp_proxy_sessions", "gauge", "Client sessions open now.",
                        family -> family.sample("", "", sessions))
                .toString();
    }

    private static String labels(Key key) {
        return PrometheusText.labels("server", key.server(), "method", key.method(), "target", key.target());
    }

    private static String labels(Key key, String upperBound) {
        return PrometheusText.labels("server", key.server(), "method", key.method(), "target", key.target(),
                "le", upperBound);
    }
}
