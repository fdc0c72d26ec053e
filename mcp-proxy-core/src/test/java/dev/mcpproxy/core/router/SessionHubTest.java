package dev.mcpproxy.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpproxy.core.calls.CallLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SessionHubTest {

    private static final McpEndpoint AGGREGATE = new McpEndpoint() {
        @Override
        public void handle(DownstreamSession session, JsonNode message, byte[] text, ReplySink sink) {
        }

        @Override
        public Optional<String> serverScope() {
            return Optional.empty();
        }
    };

    private final SessionHub hub = new SessionHub(new CallLog(16, 1 << 20));

    @Test
    void sessionsBeyondTheBoundEndTheLongestIdleFirst() {
        List<DownstreamSession> opened = new ArrayList<>();
        for (int i = 0; i < SessionHub.MAX_SESSIONS; i++) {
            opened.add(hub.open(AGGREGATE));
        }
        DownstreamSession oldest = opened.get(0);
        DownstreamSession secondOldest = opened.get(1);
        opened.stream().filter(s -> s != secondOldest).forEach(DownstreamSession::touch);

        DownstreamSession newest = hub.open(AGGREGATE);

        assertEquals(SessionHub.MAX_SESSIONS, hub.sessions().size());
        assertTrue(hub.session(newest.id()).isPresent());
        assertTrue(hub.session(oldest.id()).isPresent(), "used a moment ago, so no longer the longest idle");
        assertFalse(hub.session(secondOldest.id()).isPresent());
        assertTrue(secondOldest.isClosed());
    }

    @Test
    void aSessionWithAStreamOpenIsNeverEndedForTheBound() {
        DownstreamSession listening = hub.open(AGGREGATE);
        RecordingStream stream = new RecordingStream();
        assertTrue(listening.attachStream(stream));
        for (int i = 0; i < SessionHub.MAX_SESSIONS + 10; i++) {
            hub.open(AGGREGATE);
        }

        assertTrue(hub.session(listening.id()).isPresent());
        assertFalse(stream.closed);
        assertEquals(SessionHub.MAX_SESSIONS, hub.sessions().size());
    }

    private static final class RecordingStream implements ClientStream {
        boolean closed;

        @Override
        public boolean send(JsonNode message) {
            return !closed;
        }

        @Override
        public boolean send(java.util.List<byte[]> message) {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
