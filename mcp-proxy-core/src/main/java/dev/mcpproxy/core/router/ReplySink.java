package dev.mcpproxy.core.router;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Where the answer to one client request goes, together with the messages that belong to that request
 * (progress, log lines, requests the upstream makes while serving it). Thread-safe; never blocks.
 */
public interface ReplySink {

    /** A message related to the request, sent before its answer. False when it cannot be carried. */
    boolean interim(JsonNode message);

    /** The answer; ends the request. Later calls are ignored. */
    void reply(JsonNode response);

    /**
     * The answer as JSON bytes, in pieces to send one after the other: a large answer passed on as it came, with
     * only its id replaced. Ends the request like {@link #reply(JsonNode)}.
     */
    void reply(List<byte[]> response);

    /** The request was cancelled: no answer will be sent, end the exchange. */
    void abandon();
}
