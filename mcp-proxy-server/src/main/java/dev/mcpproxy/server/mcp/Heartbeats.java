package dev.mcpproxy.server.mcp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Sends a comment on every idle standing stream now and then, so idle connections are not cut by timeouts. */
final class Heartbeats {

    private static final long EVERY_SECONDS = 15;

    private final Set<SseClientStream> streams = ConcurrentHashMap.newKeySet();

    Heartbeats(ScheduledExecutorService timer) {
        timer.scheduleWithFixedDelay(this::beat, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    void add(SseClientStream stream) {
        streams.add(stream);
    }

    void remove(SseClientStream stream) {
        if (stream != null) {
            streams.remove(stream);
        }
    }

    private void beat() {
        streams.removeIf(s -> !s.heartbeat());
    }
}
