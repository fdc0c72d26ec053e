package dev.mcpproxy.server.sidecar;

import java.util.Arrays;
import java.util.List;

/**
 * The desktop app's part in the parent-death tests: starts its arguments as its child from its main thread, which
 * lives on, as the app's sidecar-parent thread does; {@code {pid}} in them becomes its own pid. The child shares its
 * stdin, stdout and stderr, so that the test, not this process, holds the write end of the child's stdin.
 */
public final class ParentStandIn {

    private ParentStandIn() {
    }

    public static void main(String[] args) throws Exception {
        String pid = Long.toString(ProcessHandle.current().pid());
        List<String> command = Arrays.stream(args).map(arg -> arg.replace("{pid}", pid)).toList();
        System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
    }
}
