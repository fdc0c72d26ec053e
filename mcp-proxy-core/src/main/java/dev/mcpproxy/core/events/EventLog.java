package dev.mcpproxy.core.events;

import dev.mcpproxy.core.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the UI is told as it happens: server state changes, log lines, calls, config and tool list changes.
 * Each event gets the next id and is kept in a bounded window, so a client that reconnects with the last id it saw
 * catches up on what it missed. Publishing never waits: a subscriber that cannot keep up is dropped (it may
 * reconnect and catch up from the window) rather than slowing the proxy.
 *
 * <p>Ids grow from launch to launch: the first is the launch's time in microseconds. A page that saw the last
 * sidecar's events and reconnects to a new one on the same port with its last id (as Server-Sent Events do) so
 * gets every event the new one holds, instead of those after an id the new one happened to reach again. (A
 * sidecar would have to publish a million events a second for its whole life for the next launch's ids to start
 * below its own; ids stay below 2^53, exact in JavaScript, until the year 2255.)
 */
public final class EventLog {

    /** Events kept for catching up; at 10,000 log lines a second this is a fraction of a second of them. */
    static final int WINDOW = 8192;

    private final Event[] window = new Event[WINDOW];
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final long firstId;
    private long nextId;

    public EventLog() {
        this(java.util.concurrent.TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis()));
    }

    EventLog(long firstId) {
        this.firstId = firstId;
        this.nextId = firstId;
    }

    /** Records an event and hands it to every subscriber whose filter takes it. */
    public void publish(EventType type, ObjectNode data) {
        String text = Json.write(data);
        publish(type, data.path("server").isString() ? data.path("server").asString() : null, out -> out.append(text));
    }

    /**
     * The same with the data written only when a consumer needs it, for events published thousands of times a
     * second (log lines, calls). {@code server} is the server it concerns, or null.
     */
    public void publish(EventType type, String server, EventData data) {
        publish(type, server, Instant.now(), data);
    }

    /** The same for something that happened at {@code time}, such as a log line read then. */
    public void publish(EventType type, String server, Instant time, EventData data) {
        Event event;
        synchronized (this) {
            event = new Event(nextId, type, time, server, data);
            window[(int) (nextId % WINDOW)] = event;
            nextId++;
        }
        for (Subscription subscription : subscribers) {
            subscription.offer(event);
        }
    }

    /**
     * Subscribes to the events {@code filter} takes, first those after {@code lastSeenId} still in the window (none
     * when it is 0). When older events were missed, the first event is a {@code missed} event saying how many.
     */
    public Subscription subscribe(long lastSeenId, Predicate<Event> filter, int capacity) {
        Subscription subscription = new Subscription(filter, capacity, subscribers::remove);
        synchronized (this) {
            if (lastSeenId > 0 && lastSeenId < nextId - 1) {
                long oldestKept = Math.max(firstId, nextId - WINDOW);
                // Of a launch before this one, only what this one no longer holds is missed (as far as it knows).
                long firstWanted = Math.max(lastSeenId + 1, firstId);
                if (firstWanted < oldestKept) {
                    long missed = oldestKept - firstWanted;
                    subscription.offer(new Event(0, EventType.MISSED, Instant.now(), null,
                            out -> out.append("{\"events\":").append(missed).append('}')));
                }
                for (long id = Math.max(lastSeenId + 1, oldestKept); id < nextId; id++) {
                    subscription.offer(window[(int) (id % WINDOW)]);
                }
            }
            subscribers.add(subscription);
        }
        return subscription;
    }

    /** The id the next event will get; an id below it has been published. */
    public synchronized long nextId() {
        return nextId;
    }

    public int subscriberCount() {
        return subscribers.size();
    }
}
