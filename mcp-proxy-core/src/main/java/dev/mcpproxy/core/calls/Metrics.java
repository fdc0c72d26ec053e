package dev.mcpproxy.core.calls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** Counters and latency histograms of calls per server and tool, written out in Prometheus' text format. */
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

    /** The call series as Prometheus text; the caller appends the gauges it knows (servers, sessions). */
    public void write(StringBuilder out) {
        out.append("# HELP mcp_proxy_calls_total Requests forwarded to upstream servers.\n");
        out.append("# TYPE mcp_proxy_calls_total counter\n");
        series.forEach((k, s) -> sample(out, "mcp_proxy_calls_total", k, "", s.calls.sum()));
        out.append("# HELP mcp_proxy_call_errors_total Forwarded requests that ended in an error, a tool error "
                + "or a cancellation.\n");
        out.append("# TYPE mcp_proxy_call_errors_total counter\n");
        series.forEach((k, s) -> sample(out, "mcp_proxy_call_errors_total", k, "", s.errors.sum()));
        out.append("# HELP mcp_proxy_call_duration_seconds Time from forwarding a request to its answer.\n");
        out.append("# TYPE mcp_proxy_call_duration_seconds histogram\n");
        series.forEach((k, s) -> {
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += s.buckets[i].sum();
                sample(out, "mcp_proxy_call_duration_seconds_bucket", k, ",le=\"" + BUCKETS[i] + "\"", cumulative);
            }
            sample(out, "mcp_proxy_call_duration_seconds_bucket", k, ",le=\"+Inf\"", s.calls.sum());
            out.append("mcp_proxy_call_duration_seconds_sum").append(labels(k, "")).append(' ')
                    .append(s.sumNanos.sum() / 1e9).append('\n');
            sample(out, "mcp_proxy_call_duration_seconds_count", k, "", s.calls.sum());
        });
    }

    private static void sample(StringBuilder out, String name, Key key, String extraLabels, long value) {
        out.append(name).append(labels(key, extraLabels)).append(' ').append(value).append('\n');
    }

    private static String labels(Key key, String extra) {
        return "{server=\"" + escape(key.server()) + "\",method=\"" + escape(key.method()) + "\",target=\""
                + escape(key.target()) + "\"" + extra + "}";
    }

    /** A label value as Prometheus' text format needs it. */
    public static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
