package dev.mcpproxy.desktop.instance;

import dev.mcpproxy.desktop.backend.ProcessTree;
import dev.mcpproxy.desktop.backend.SidecarClient;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

/**
 * A sidecar that an app which is gone left running (its lock record names it): found at the next launch and stopped
 * with its servers before a new one starts, so that it holds no port and runs no server twice. Only a process that
 * accepts the record's launch token counts; a stranger that took its pid is left alone.
 */
public final class StraySidecar {

    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");

    private StraySidecar() {
    }

    /** @return whether a stray was found and stopped */
    public static boolean stopIfLeft(Optional<LockRecord> previous, Duration grace) {
        if (previous.isEmpty() || previous.get().sidecarPid() <= 0) {
            return false;
        }
        LockRecord record = previous.get();
        Optional<ProcessHandle> process = ProcessHandle.of(record.sidecarPid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !new SidecarClient(record.apiPort(), record.token()).acceptsToken()) {
            return false;
        }
        LOG.log(Level.WARNING, "A sidecar left by an earlier run of the app is still running (pid {0}, ports {1} and "
                + "{2}); stopping it and its servers", Long.toString(record.sidecarPid()),
                Integer.toString(record.port()), Integer.toString(record.apiPort()));
        ProcessTree.stop(process.get(), grace);
        return true;
    }
}
