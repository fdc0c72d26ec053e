package dev.mcpproxy.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a child and everything it started are launched and ended on this platform. On Linux and macOS with
 * util-linux's {@code setsid}, the child leads its own process group, so one signal reaches the whole tree,
 * even grandchildren that left it; elsewhere the proxy walks the tree it can see.
 */
sealed interface TreeKiller permits TreeKiller.ProcessGroup, TreeKiller.Descendants {

    /** The argv that starts {@code command} the way this policy can later end it. */
    List<String> launchCommand(List<String> command);

    /** Asks the tree to end (SIGTERM), or forces it (SIGKILL). */
    void signal(ProcessHandle leader, boolean force);

    static TreeKiller forThisPlatform() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path setsid = Path.of(dir, "setsid");
            if (Files.isExecutable(setsid) && Files.isExecutable(Path.of("/bin/kill"))) {
                return new ProcessGroup(setsid.toString());
            }
        }
        return new Descendants();
    }

    /** The child runs under {@code setsid}: its pid is its process group id. */
    record ProcessGroup(String setsid) implements TreeKiller {
        @Override
        public List<String> launchCommand(List<String> command) {
            List<String> argv = new ArrayList<>(command.size() + 1);
            argv.add(setsid);
            argv.addAll(command);
            return argv;
        }

        @Override
        public void signal(ProcessHandle leader, boolean force) {
            List<ProcessHandle> tree = leader.descendants().toList();
            try {
                ChildEnvironment.builder(List.of("/bin/kill", force ? "-KILL" : "-TERM", "--", "-" + leader.pid()),
                                Map.of()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor();
            } catch (IOException e) {
                // Fall through to the handles below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            new Descendants().signalAll(leader, tree, force);
        }
    }

    /** No process groups to use: signal the process and every descendant still visible. */
    record Descendants() implements TreeKiller {
        @Override
        public List<String> launchCommand(List<String> command) {
            return command;
        }

        @Override
        public void signal(ProcessHandle leader, boolean force) {
            signalAll(leader, leader.descendants().toList(), force);
        }

        void signalAll(ProcessHandle leader, List<ProcessHandle> tree, boolean force) {
            for (ProcessHandle p : tree) {
                if (force) {
                    p.destroyForcibly();
                } else {
                    p.destroy();
                }
            }
            if (force) {
                leader.destroyForcibly();
            } else {
                leader.destroy();
            }
        }
    }
}
