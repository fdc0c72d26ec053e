package dev.mcpproxy.core.process;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The last lines of a server's output, bounded; appending is cheap and never waits on a reader. */
public final class LogRing {

    /** Longer lines are cut: one runaway line must not hold megabytes per server. */
    public static final int MAX_LINE_CHARS = 8192;

    private final LogLine[] lines;
    private final List<Consumer<LogLine>> listeners = new CopyOnWriteArrayList<>();
    /** Written under the lock; volatile so that {@link #nextSeq} is read without it, on the request path. */
    private volatile long nextSeq;

    public LogRing(int capacity) {
        this.lines = new LogLine[capacity];
    }

    public void append(LogStream stream, String text) {
        String cut = text.length() > MAX_LINE_CHARS ? text.substring(0, MAX_LINE_CHARS) + "…" : text;
        LogLine line;
        synchronized (this) {
            line = new LogLine(nextSeq, Instant.now(), stream, cut);
            lines[(int) (nextSeq % lines.length)] = line;
            nextSeq++;
        }
        listeners.forEach(l -> l.accept(line));
    }

    /** The seq the next line will get: every line appended from now on has this one or a higher one. */
    public long nextSeq() {
        return nextSeq;
    }

    /** The last {@code n} lines, oldest first. */
    public synchronized List<LogLine> tail(int n) {
        return since(Math.max(0, nextSeq - Math.min(n, lines.length)));
    }

    /** Lines with {@code seq >= from} that are still kept, oldest first. */
    public synchronized List<LogLine> since(long from) {
        List<LogLine> result = new ArrayList<>();
        for (long seq = Math.max(from, nextSeq - lines.length); seq < nextSeq; seq++) {
            result.add(lines[(int) (seq % lines.length)]);
        }
        return result;
    }

    public synchronized List<String> lastStderr(int n) {
        List<String> result = new ArrayList<>();
        for (long seq = nextSeq - 1; seq >= Math.max(0, nextSeq - lines.length) && result.size() < n; seq--) {
            LogLine line = lines[(int) (seq % lines.length)];
            if (line.stream() == LogStream.STDERR) {
                result.addFirst(line.text());
            }
        }
        return result;
    }

    /** Hears every new line, on the appender's thread: a listener must hand off, never block. */
    public Runnable subscribe(Consumer<LogLine> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
