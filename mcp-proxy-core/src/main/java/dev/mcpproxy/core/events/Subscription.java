package dev.mcpproxy.core.events;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** One consumer's queue of events. Bounded: when it is full the consumer is too slow and is dropped. */
public final class Subscription implements AutoCloseable {

    private final Predicate<Event> filter;
    private final BlockingQueue<Event> queue;
    private final Consumer<Subscription> onClose;
    private volatile boolean dropped;
    private volatile boolean closed;

    Subscription(Predicate<Event> filter, int capacity, Consumer<Subscription> onClose) {
        this.filter = filter;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
    }

    void offer(Event event) {
        if (closed || !filter.test(event)) {
            return;
        }
        if (!queue.offer(event)) {
            dropped = true;
            close();
        }
    }

    /** The next event, or null when none came within {@code wait} or the subscription ended. */
    public Event next(Duration wait) throws InterruptedException {
        if (closed) {
            return queue.poll();
        }
        return queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Moves the events waiting now, at most {@code max}, to {@code into}; returns how many. Never waits. */
    public int drainTo(List<Event> into, int max) {
        return queue.drainTo(into, max);
    }

    /** Ended, and nothing left to take. */
    public boolean finished() {
        return closed && queue.isEmpty();
    }

    /** Ended because the consumer fell too far behind. */
    public boolean dropped() {
        return dropped;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
        }
    }
}
