package dev.mcpproxy.server.sidecar;

import java.lang.System.Logger.Level;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
 * that thread ends: it is set on the main thread, which lives as long as the sidecar ({@link Main} waits on it).
 * Linking the call (~25 ms of generated code, even with the class cache) runs beside the start, on a thread of its
 * own.
 */
final class ParentDeathSignal {

    /** What {@link #request} did. */
    enum Outcome {
        /** The signal is set and the parent was alive after it was. */
        ARMED,
        /** The parent died before the signal was set; the sidecar should exit. */
        PARENT_GONE,
        /** No prctl here (not Linux, a libc without it, native access denied): nothing was set. */
        UNAVAILABLE,
        /** Started without {@code --parent-pid}. */
        NOT_REQUESTED
    }

    private static final System.Logger LOG = System.getLogger("mcp-proxy");
    private static final int PR_SET_PDEATHSIG = 1;
    private static final int SIGTERM = 15;

    private final OptionalLong parentPid;
    private final CompletableFuture<MethodHandle> prctl;

    private ParentDeathSignal(OptionalLong parentPid, CompletableFuture<MethodHandle> prctl) {
        this.parentPid = parentPid;
        this.prctl = prctl;
    }

    /** Starts linking prctl in the background when there is a parent to watch. */
    static ParentDeathSignal linkInBackground(OptionalLong parentPid) {
        if (parentPid.isEmpty()) {
            return new ParentDeathSignal(parentPid, CompletableFuture.failedFuture(
                    new UnsupportedOperationException("no --parent-pid")));
        }
        return new ParentDeathSignal(parentPid, CompletableFuture.supplyAsync(ParentDeathSignal::linkPrctl,
                task -> Thread.ofPlatform().name("parent-death-signal").daemon().start(task)));
    }

    /**
     * On the thread that lives as long as the process: asks for SIGTERM when the parent dies, then checks that the
     * parent is still the process given.
     */
    Outcome request() {
        if (parentPid.isEmpty()) {
            return Outcome.NOT_REQUESTED;
        }
        try {
            int result = (int) prctl.join().invokeExact(PR_SET_PDEATHSIG, (long) SIGTERM);
            if (result != 0) {
                return unavailable("prctl(PR_SET_PDEATHSIG, SIGTERM) returned " + result);
            }
        } catch (CompletionException e) {
            return unavailable(e.getCause().getMessage());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return unavailable(e.toString());
        }
        long expected = parentPid.getAsLong();
        long parentNow = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
        if (parentNow != expected) {
            LOG.log(Level.DEBUG, "The parent {0} is gone already (the parent is now {1})", Long.toString(expected),
                    Long.toString(parentNow));
            return Outcome.PARENT_GONE;
        }
        LOG.log(Level.DEBUG, "The sidecar gets SIGTERM when its parent {0} dies", Long.toString(expected));
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
