package dev.mcpproxy.core.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The recent calls through the proxy, bounded, for the UI's inspector; listeners hear each as it completes. */
public final class CallLog {

    private final CompletedCall[] ring;
    private final List<Consumer<CompletedCall>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private long count;

    public CallLog(int capacity) {
        this.ring = new CompletedCall[capacity];
    }

    public long nextId() {
        return ids.incrementAndGet();
    }

    /** How many calls have started so far: unchanged between two looks, the proxy was idle between them. */
    public long started() {
        return ids.get();
    }

    public void record(CompletedCall call) {
        synchronized (this) {
            ring[(int) (count % ring.length)] = call;
            count++;
        }
        listeners.forEach(l -> l.accept(call));
    }

    /** The last {@code n} calls, newest first. */
    public synchronized List<CompletedCall> recent(int n) {
        List<CompletedCall> result = new ArrayList<>();
        for (long i = count - 1; i >= Math.max(0, count - ring.length) && result.size() < n; i--) {
            result.add(ring[(int) (i % ring.length)]);
        }
        return result;
    }

    /** Hears every call on the thread that completed it: a listener must not block. */
    public void listen(Consumer<CompletedCall> listener) {
        listeners.add(listener);
    }
}
