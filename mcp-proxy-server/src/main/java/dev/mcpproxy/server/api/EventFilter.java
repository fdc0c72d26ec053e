package dev.mcpproxy.server.api;

import dev.mcpproxy.core.events.Event;
import dev.mcpproxy.core.events.EventType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What one consumer wants: which event types (all when none are named) and which servers' log lines (none unless
 * named, or {@code *}); {@code missed} always passes. Changeable while the consumer runs.
 */
final class EventFilter implements Predicate<Event> {
    volatile Set<EventType> types;
    volatile Set<String> logServers;

    EventFilter(Set<EventType> types, Set<String> logServers) {
        this.types = types;
        this.logServers = logServers;
    }

    /** {@code ?types=} as a set: empty for all; an unknown name is refused. */
    static Set<EventType> types(String commaSeparated) throws UnknownTypeException {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String name : list(commaSeparated)) {
            types.add(EventType.named(name).orElseThrow(() -> new UnknownTypeException(name)));
        }
        return types;
    }

    /** A comma-separated list without blanks. */
    static Set<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean test(Event event) {
        if (event.type() == EventType.MISSED) {
            return true;
        }
        Set<EventType> wantedTypes = types;
        if (!wantedTypes.isEmpty() && !wantedTypes.contains(event.type())) {
            return false;
        }
        if (event.type() != EventType.LOG) {
            return true;
        }
        Set<String> servers = logServers;
        return servers.contains("*") || servers.contains(event.server());
    }

    static final class UnknownTypeException extends Exception {
        UnknownTypeException(String name) {
            super("Unknown event type " + name + "; the types are " + Arrays.stream(EventType.values())
                    .filter(type -> type != EventType.MISSED).map(type -> type.json)
                    .collect(Collectors.joining(", ")));
        }
    }
}
