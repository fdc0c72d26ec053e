package dev.mcpproxy.core.process;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that all upstreams together may hold in messages larger than a read buffer while they arrive and are
 * handed on. One server's limit (max_message_size) bounds one message; this bounds several servers answering big
 * at once, which would otherwise exhaust the heap between them.
 */
public final class LargeMessageBudget {

    /**
     * Half the heap: a large answer is passed on in the pieces it was read into, so it costs its size and little
     * more (docs/benchmarks.md), and the other half is the rest of the sidecar's and the other messages'.
     */
    public static final LargeMessageBudget SHARED = new LargeMessageBudget(Runtime.getRuntime().maxMemory() / 2);

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
