package dev.mcpproxy.desktop.backend;

import java.util.ArrayDeque;
import java.util.List;

/** The sidecar's last lines of output (stdout and stderr together), kept to show why it failed. */
public final class SidecarLog {

    private final int capacity;
    private final ArrayDeque<String> lines;

    public SidecarLog(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    public synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** The last {@code count} lines, oldest first. */
    public synchronized List<String> last(int count) {
        return lines.stream().skip(Math.max(0, lines.size() - count)).toList();
    }
}
