package dev.mcpproxy.server.sidecar;

import java.lang.System.Logger.Level;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@code --parent-pid PID} on Linux: the kernel sends the sidecar SIGTERM when its parent, the desktop app, dies
 * ({@code prctl(PR_SET_PDEATHSIG, SIGTERM)}), and the sidecar then stops its servers as on any SIGTERM. Unlike the
 * stdin watchdog, this needs no pipe whose every write end must close. Java's ProcessBuilder cannot set it in the
 * child between fork and exec, so the sidecar sets it on itself through the FFM API (hence
 * {@code --enable-native-access} in jvm.options), then closes the race: a parent that died before the call left the
 * sidecar reparented, which its parent pid shows.
 * <p>
 * Two threads matter. The kernel sends the signal when the thread that spawned the sidecar ends, not its process:
 * the app spawns it from one long-lived thread. And it keeps the setting per thread of the sidecar, forgotten when
 * that thread ends: it is set on the main thread, which lives as long as the sidecar ({@link Main} waits on it), once
 * the sidecar serves (linking the call costs ~25 ms of generated code even with the class cache, and the desktop
 * waits for the start; the stdin watchdog covers the moments before).
 */
final class ParentDeathSignal {

    /** What {@link #request} did. */
    enum Outcome {
        /** The signal is set and the parent was alive after it was. */
        ARMED,
        /** The parent died before the signal was set; the sidecar should exit. */
        PARENT_GONE,
        /** No prctl here (not Linux, a libc without it, native access denied): nothing was set. */
        UNAVAILABLE
    }

    private static final System.Logger LOG = System.getLogger("mcp-proxy");
    private static final int PR_SET_PDEATHSIG = 1;
    private static final int SIGTERM = 15;

    private ParentDeathSignal() {
    }

    /**
     * On the thread that lives as long as the process: asks for SIGTERM when the parent dies, then checks that the
     * parent is still process {@code parentPid}.
     */
    static Outcome request(long parentPid) {
        try {
            int result = (int) linkPrctl().invokeExact(PR_SET_PDEATHSIG, (long) SIGTERM);
            if (result != 0) {
                return unavailable("prctl(PR_SET_PDEATHSIG, SIGTERM) returned " + result);
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (UnsupportedOperationException e) {
            return unavailable(e.getMessage());
        } catch (Throwable e) {
            return unavailable(e.toString());
        }
        long parentNow = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
        if (parentNow != parentPid) {
            LOG.log(Level.DEBUG, "The parent {0} is gone already (the parent is now {1})", Long.toString(parentPid),
                    Long.toString(parentNow));
            return Outcome.PARENT_GONE;
        }
        LOG.log(Level.DEBUG, "The sidecar gets SIGTERM when its parent {0} dies", Long.toString(parentPid));
        return Outcome.ARMED;
    }

    private static Outcome unavailable(String why) {
        LOG.log(Level.DEBUG, "No parent-death signal ({0}); the stdin watchdog alone ends the sidecar with its "
                + "parent", why);
        return Outcome.UNAVAILABLE;
    }

    /** {@code int prctl(int option, ...)}, its second argument (variadic) an unsigned long. */
    private static MethodHandle linkPrctl() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            throw new UnsupportedOperationException("not Linux");
        }
        Linker linker = Linker.nativeLinker();
        MemorySegment prctl = linker.defaultLookup().find("prctl")
                .orElseThrow(() -> new UnsupportedOperationException("the C library has no prctl"));
        // IllegalCallerException here when native access is denied: it too ends as UNAVAILABLE.
        return linker.downcallHandle(prctl, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_LONG), Linker.Option.firstVariadicArg(1));
    }
}
