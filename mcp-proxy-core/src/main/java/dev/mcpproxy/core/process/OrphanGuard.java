package dev.mcpproxy.core.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Makes sure no child outlives the proxy, even when the proxy is killed with SIGKILL and runs no code at
 * all. A tiny shell watchdog reads process-group ids from a pipe the JVM holds; when the JVM dies the kernel
 * closes that pipe, and the watchdog ends every group still listed, then itself. The script is POSIX sh
 * as dash runs it: dash's kill takes {@code -TERM -PGID} but rejects {@code --}.
 */
public final class OrphanGuard implements AutoCloseable {

    private static final String WATCHDOG = """
            groups=""
            while IFS= read -r line; do
              case "$line" in
                +*) groups="$groups ${line#+}" ;;
                -*) gone="${line#-}"; kept=""
                    for g in $groups; do [ "$g" = "$gone" ] || kept="$kept $g"; done
                    groups="$kept" ;;
              esac
            done
            [ -z "$groups" ] && exit 0
            for g in $groups; do kill -TERM "-$g" 2>/dev/null; done
            sleep 0.5
            for g in $groups; do kill -KILL "-$g" 2>/dev/null; done
            """;

    private final TreeKiller killer = TreeKiller.forThisPlatform();
    private Process watchdog;
    private OutputStream toWatchdog;

    TreeKiller killer() {
        return killer;
    }

    /** Registers a child that leads its own process group. */
    synchronized void watch(long pgid) {
        tell("+" + pgid);
    }

    synchronized void unwatch(long pgid) {
        tell("-" + pgid);
    }

    private void tell(String line) {
        if (!(killer instanceof TreeKiller.ProcessGroup group)) {
            return;
        }
        try {
            if (watchdog == null) {
                watchdog = ChildEnvironment.builder(List.of(group.setsid(), "/bin/sh", "-c", WATCHDOG), Map.of())
                        // Its working directory is held open as long as it runs; "/" keeps no folder busy.
                        .directory(new File("/"))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                toWatchdog = watchdog.getOutputStream();
            }
            toWatchdog.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            toWatchdog.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("The orphan watchdog could not be reached", e);
        }
    }

    /** Closing the pipe is the watchdog's signal: it ends whatever is still registered, then exits. */
    @Override
    public synchronized void close() {
        if (toWatchdog != null) {
            try {
                toWatchdog.close();
            } catch (IOException e) {
                // The watchdog is gone already; nothing left to tell it.
            }
        }
    }
}
