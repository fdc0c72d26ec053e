package dev.mcpproxy.core.router;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** One MCP endpoint the proxy offers: all servers aggregated, or one server as it is. */
public interface McpEndpoint {

    /**
     * Handles one message from a client. A request's answer goes to {@code sink}; other messages ignore it.
     *
     * @param text the JSON text the message was read from, which a forwarded request keeps but for what the proxy
     *             changes in it ({@link dev.mcpproxy.core.json.RequestText}); null for a message built here
     */
    void handle(DownstreamSession session, JsonNode message, byte[] text, ReplySink sink);

    /** The server this endpoint shows alone, or empty for the aggregate. */
    Optional<String> serverScope();
}
