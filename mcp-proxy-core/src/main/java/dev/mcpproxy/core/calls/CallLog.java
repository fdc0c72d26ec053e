package dev.mcpproxy.core.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The recent calls through the proxy, bounded, for the UI's inspector; listeners hear each as it completes. Each
 * call's messages are kept beside it, bounded together: past {@code maxMessageBytes}, the oldest calls lose theirs.
 * The messages' bytes are copied into a {@link MessageRing}, not held as the arrays they came in.
 */
public final class CallLog {

    /** A call as kept, with its messages unless they were dropped to stay within the bound. */
    public record Kept(CompletedCall call, Optional<CallMessages> messages) {
    }

    private final CompletedCall[] ring;
    /** Where in {@link #bytes} the messages of the call in the same slot of {@link #ring} are, while it has them. */
    private final Placed[] messages;
    private final MessageRing bytes;
    private final long maxMessageBytes;
    private final List<Consumer<CompletedCall>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    // Guarded by this.
    private long count;
    private long messageBytes;
    /** The calls recorded before this one (by their place in the log's history) hold no messages any more. */
    private long messagesFrom;

    /**
     * @param capacity        the calls kept
     * @param maxMessageBytes what the kept calls' messages may hold together
     */
    public CallLog(int capacity, long maxMessageBytes) {
        this.ring = new CompletedCall[capacity];
        this.messages = new Placed[capacity];
        this.bytes = new MessageRing(maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
        for (int slot = 0; slot < capacity; slot++) {
            messages[slot] = new Placed();
        }
    }

    /**
     * A slot's messages: where each starts in the ring, how much of it was kept and how long it was. Reused from
     * call to call, so that keeping a call's messages makes no object that outlives it.
     */
    private static final class Placed {
        boolean held;
        long requestAt;
        int requestKept;
        long requestLength;
        /** -1 when the call had no answer. */
        long responseAt;
        int responseKept;
        long responseLength;

        long bytes() {
            return requestKept + (responseAt < 0 ? 0 : responseKept);
        }
    }

    public long nextId() {
        return ids.incrementAndGet();
    }

    /** How many calls have started so far: unchanged between two looks, the proxy was idle between them. */
    public long started() {
        return ids.get();
    }

    /** Keeps a call and its messages; listeners hear of the call alone. */
    public void record(CompletedCall call, CallMessages callMessages) {
        synchronized (this) {
            int slot = (int) (count % ring.length);
            dropMessages(slot);
            ring[slot] = call;
            if (callMessages.bytes() <= bytes.capacity()) {
                place(messages[slot], callMessages);
                messageBytes += callMessages.bytes();
            }
            count++;
            messagesFrom = Math.max(messagesFrom, count - ring.length);
            // The newest call keeps its messages: one call's are far below the bound.
            while (messageBytes > maxMessageBytes && messagesFrom < count - 1) {
                dropMessages((int) (messagesFrom % ring.length));
                messagesFrom++;
            }
        }
        listeners.forEach(l -> l.accept(call));
    }

    private void place(Placed placed, CallMessages callMessages) {
        CapturedMessage request = callMessages.request();
        placed.held = true;
        placed.requestAt = bytes.write(request.kept());
        placed.requestKept = request.kept().length;
        placed.requestLength = request.length();
        placed.responseAt = -1;
        if (callMessages.response().isPresent()) {
            CapturedMessage response = callMessages.response().get();
            placed.responseAt = bytes.write(response.kept());
            placed.responseKept = response.kept().length;
            placed.responseLength = response.length();
        }
    }

    private void dropMessages(int slot) {
        if (messages[slot].held) {
            messageBytes -= messages[slot].bytes();
            messages[slot].held = false;
        }
    }

    /**
     * A slot's messages, copied out of the ring; empty once dropped. Those still held are never overwritten: they
     * are the last ones written, in order (calls lose theirs oldest first), and hold at most the bound together,
     * or one call's alone, which is placed only when it fits the ring.
     */
    private Optional<CallMessages> messagesOf(int slot) {
        Placed placed = messages[slot];
        if (!placed.held) {
            return Optional.empty();
        }
        CapturedMessage request = new CapturedMessage(bytes.read(placed.requestAt, placed.requestKept),
                placed.requestLength);
        Optional<CapturedMessage> response = placed.responseAt < 0 ? Optional.empty()
                : Optional.of(new CapturedMessage(bytes.read(placed.responseAt, placed.responseKept),
                        placed.responseLength));
        return Optional.of(new CallMessages(request, response));
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
    public synchronized Optional<Kept> find(long id) {
        for (long i = count - 1; i >= Math.max(0, count - ring.length); i--) {
            int slot = (int) (i % ring.length);
            if (ring[slot].id() == id) {
                return Optional.of(new Kept(ring[slot], messagesOf(slot)));
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
