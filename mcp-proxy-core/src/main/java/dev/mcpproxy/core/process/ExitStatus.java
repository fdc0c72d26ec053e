package dev.mcpproxy.core.process;

import java.util.List;

/** How a process ended: its exit code, whether the proxy stopped it, and the last stderr lines it wrote. */
public record ExitStatus(int code, boolean killedByUs, List<String> lastStderr) {
}
