package dev.mcpproxy.core.process;

import java.time.Instant;

/** One timestamped line of a server's output; {@code seq} grows by one per line, for "since" queries. */
public record LogLine(long seq, Instant time, LogStream stream, String text) {
}
