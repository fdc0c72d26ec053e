package dev.mcpproxy.server.mcp;

import dev.mcpproxy.core.router.ClientStream;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A client's standing stream carried by server-sent events. */
final class SseClientStream implements ClientStream {

    private final SseWriter writer;

    SseClientStream(SseWriter writer) {
        this.writer = writer;
    }

    @Override
    public boolean send(JsonNode message) {
        return writer.sendMessage(message);
    }

    @Override
    public boolean send(List<byte[]> message) {
        return writer.sendMessage(message);
    }

    boolean heartbeat() {
        return writer.heartbeat();
    }

    @Override
    public void close() {
        writer.end();
    }
}
