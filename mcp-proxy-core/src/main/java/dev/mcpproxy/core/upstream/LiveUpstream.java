package dev.mcpproxy.core.upstream;

import dev.mcpproxy.core.config.ServerConfig;
import tools.jackson.databind.JsonNode;

/** An upstream that finished its handshake: its settings, its connection, and what it said about itself. */
public record LiveUpstream(ServerConfig config, UpstreamConnection connection, JsonNode initializeResult) {

    public String name() {
        return config.name();
    }

    public JsonNode capabilities() {
        return initializeResult.path("capabilities");
    }

    public boolean offers(String capability) {
        return capabilities().has(capability);
    }
}
