package dev.mcpproxy.core.calls;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Prometheus' text exposition format 0.0.4. A family is written whole, in one call: its {@code # HELP} and
 * {@code # TYPE} once, then every sample of it, so that no family can be split or interleaved with another (the
 * format asks each to be one group; Prometheus' own parser lets it pass, others refuse it).
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder();
    private final Set<String> written = new HashSet<>();

    /** The samples of one family, each named the family's name plus a suffix (histograms' _bucket, _sum, _count). */
    final class Family {
        private final String name;

        private Family(String name) {
            this.name = name;
        }

        void sample(String suffix, String labels, long value) {
            out.append(name).append(suffix).append(labels).append(' ').append(value).append('\n');
        }

        void sample(String suffix, String labels, double value) {
            out.append(name).append(suffix).append(labels).append(' ').append(value).append('\n');
        }
    }

    /** Writes the family {@code name} of {@code type} (counter, gauge, histogram), with what {@code samples} adds. */
    PrometheusText family(String name, String type, String help, Consumer<Family> samples) {
        if (!written.add(name)) {
            throw new IllegalStateException(name + " is written twice");
        }
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        samples.accept(new Family(name));
        return this;
    }

    /** A label set, {@code {name="value",...}}, from names and values in turn; the values escaped as the format needs. */
    static String labels(String... namesAndValues) {
        if (namesAndValues.length == 0) {
            return "";
        }
        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            labels.append(i == 0 ? "" : ",").append(namesAndValues[i]).append("=\"")
                    .append(escape(namesAndValues[i + 1])).append('"');
        }
        return labels.append('}').toString();
    }

    /** A label value: backslash, double quote and line feed are the characters the format escapes. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
