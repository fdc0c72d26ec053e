package dev.mcpproxy.server.http;

import dev.mcpproxy.core.events.Event;
import java.util.Set;
import java.util.function.Predicate;

/** Which servers' log lines a consumer wants; other events always pass. Changeable while it runs. */
final class LogFilter implements Predicate<Event> {
    volatile Set<String> servers;

    LogFilter(Set<String> servers) {
        this.servers = servers;
    }

    @Override
    public boolean test(Event event) {
        if (!event.type().equals("log")) {
            return true;
        }
        Set<String> wanted = servers;
        return wanted.contains("*") || wanted.contains(event.server());
    }
}
