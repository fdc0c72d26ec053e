package dev.mcpproxy.core.router;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A client's standing channel for messages outside any one request: the GET stream of streamable HTTP,
 * or the event stream of legacy HTTP+SSE.
 */
public interface ClientStream {

    /** Queues one message; false when the stream is closed or the client is too far behind to take more. */
    boolean send(JsonNode message);

    /** Queues one message given as JSON bytes in pieces (a large answer passed on as it came). */
    boolean send(List<byte[]> message);

    void close();
}
