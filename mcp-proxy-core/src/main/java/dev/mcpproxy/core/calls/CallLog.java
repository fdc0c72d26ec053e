package dev.mcpproxy.core.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The recent calls through the proxy, bounded, for the UI's inspector; listeners hear each as it completes. The
 * calls' messages are bounded together too: past {@code maxMessageBytes}, the oldest calls lose theirs.
 */
public final class CallLog {

    private final CompletedCall[] ring;
    private final long maxMessageBytes;
    private final List<Consumer<CompletedCall>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    // Guarded by this.
    private long count;
    private long messageBytes;
    /** Calls recorded before this one (by their place in the ring's history) hold no messages any more. */
    private long messagesFrom;

    /**
     * @param capacity        the calls kept
     * @param maxMessageBytes what the kept calls' messages may hold together
     */
    public CallLog(int capacity, long maxMessageBytes) {
        this.ring = new CompletedCall[capacity];
        this.maxMessageBytes = maxMessageBytes;
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
            int slot = (int) (count % ring.length);
            if (ring[slot] != null) {
                messageBytes -= ring[slot].messageBytes();
            }
            ring[slot] = call;
            count++;
            messageBytes += call.messageBytes();
            messagesFrom = Math.max(messagesFrom, count - ring.length);
            // The newest call keeps its messages: one call's are far below the bound.
            while (messageBytes > maxMessageBytes && messagesFrom < count - 1) {
                int oldest = (int) (messagesFrom % ring.length);
                messageBytes -= ring[oldest].messageBytes();
                ring[oldest] = ring[oldest].withoutMessages();
                messagesFrom++;
            }
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

    /** The call with this id, while it is kept. */
    public synchronized Optional<CompletedCall> find(long id) {
        for (long i = count - 1; i >= Math.max(0, count - ring.length); i--) {
            CompletedCall call = ring[(int) (i % ring.length)];
            if (call.id() == id) {
                return Optional.of(call);
            }
        }
        return Optional.empty();
    }

    /** What the kept calls' messages hold now, in bytes. */
    public synchronized long messageBytes() {
        return messageBytes;
    }

    /** Hears every call on the thread that completed it: a listener must not block. */
    public void listen(Consumer<CompletedCall> listener) {
        listeners.add(listener);
    }
}
