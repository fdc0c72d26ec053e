package dev.mcpproxy.server.sidecar;

import dev.mcpproxy.core.calls.CallLog;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Gives heap back to the system once the proxy is idle again. The Serial GC grows the heap towards -Xmx under
 * sustained load or for one large message, and returns memory only after a full collection, which an idle proxy
 * never has: after ten minutes of 8 clients the sidecar stayed at 184 MB RSS with 65 MB idle before
 * (docs/benchmarks.md). G1 returns memory by itself when idle (G1PeriodicGCInterval) but costs more memory and CPU
 * all the time. So, when no call has started for a whole check interval and the heap has grown since the last trim
 * (past a floor an idle sidecar stays under), one full collection; jvm.options lets it shrink the heap to what is
 * live plus 40 %.
 */
final class HeapTrimmer implements Runnable {

    private static final System.Logger LOG = System.getLogger("mcp-proxy");
    static final Duration INTERVAL = Duration.ofSeconds(10);
    /** An idle sidecar's heap stays under this; below it a trim would cost a collection for nothing. */
    static final long FLOOR_BYTES = 32L << 20;

    private final LongSupplier callsStarted;
    private final LongSupplier committedHeap;
    private final Runnable collect;
    private long callsAtLastLook = -1;
    private long committedAfterTrim;

    /**
     * @param callsStarted  how many calls have started so far
     * @param committedHeap the heap's committed bytes now
     * @param collect       a full collection
     */
    HeapTrimmer(LongSupplier callsStarted, LongSupplier committedHeap, Runnable collect) {
        this.callsStarted = callsStarted;
        this.committedHeap = committedHeap;
        this.collect = collect;
    }

    static void start(CallLog calls) {
        HeapTrimmer trimmer = new HeapTrimmer(calls::started, Runtime.getRuntime()::totalMemory, System::gc);
        Thread.ofVirtual().name("heap-trimmer").start(() -> {
            while (true) {
                try {
                    Thread.sleep(INTERVAL);
                    trimmer.run();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "heap-trimmer: " + e, e);
                }
            }
        });
    }

    /** One look: trims when idle since the last look and the heap has grown since the last trim. */
    @Override
    public void run() {
        long calls = callsStarted.getAsLong();
        boolean idle = calls == callsAtLastLook;
        callsAtLastLook = calls;
        long committed = committedHeap.getAsLong();
        if (idle && committed > FLOOR_BYTES && committed > committedAfterTrim) {
            collect.run();
            committedAfterTrim = committedHeap.getAsLong();
            LOG.log(Level.DEBUG, "heap-trimmer: heap {0} MB -> {1} MB committed", committed >> 20,
                    committedAfterTrim >> 20);
        }
    }
}
