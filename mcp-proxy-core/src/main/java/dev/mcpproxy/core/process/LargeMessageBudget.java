package dev.mcpproxy.core.process;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that all upstreams together may hold in messages larger than a read buffer while they arrive and are
 * handed on. One server's limit (max_message_size) bounds one message; this bounds several servers answering big
 * at once, which would otherwise exhaust the heap between them.
 */
public final class LargeMessageBudget {

    /** What the rest of the sidecar needs beside large messages: an idle sidecar with servers uses 8–12 MiB. */
    public static final long REST_OF_HEAP = 16L << 20;

    /**
     * The heap less {@link #REST_OF_HEAP}, and at least a quarter of it. Whoever holds a large message reserves what
     * it costs at its peak: an answer passed on in the pieces it was read into costs its size (measured: 30 MB
     * carried with -Xmx40m), a request parsed into a tree about five times its size (8 MB carried with -Xmx64m,
     * 10 MB not; 15 MB with -Xmx96m).
     */
    public static final LargeMessageBudget SHARED = new LargeMessageBudget(Math.max(
            Runtime.getRuntime().maxMemory() - REST_OF_HEAP, Runtime.getRuntime().maxMemory() / 4));

    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    public LargeMessageBudget(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code bytes} from the budget; false, taking nothing, when that would go over it. */
    public boolean reserve(long bytes) {
        long now = held.addAndGet(bytes);
        if (now > capacity) {
            held.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    public void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** What is held now. */
    public long held() {
        return held.get();
    }

    public long capacity() {
        return capacity;
    }
}
