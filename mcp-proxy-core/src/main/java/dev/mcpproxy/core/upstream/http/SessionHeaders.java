package dev.mcpproxy.core.upstream.http;

import java.net.http.HttpRequest;

/**
 * What a streamable HTTP client sends on every request after initialize (MCP 2025-06-18 and later): the session the
 * server gave it, and the protocol revision agreed. The proxy's upstream client and the {@code connect} bridge are
 * both such clients.
 */
public final class SessionHeaders {

    private SessionHeaders() {
    }

    /** Adds {@code Mcp-Session-Id} and {@code MCP-Protocol-Version}, each only once known (null before). */
    public static HttpRequest.Builder add(HttpRequest.Builder builder, String sessionId, String protocolVersion) {
        if (sessionId != null) {
            builder.header("Mcp-Session-Id", sessionId);
        }
        if (protocolVersion != null) {
            builder.header("MCP-Protocol-Version", protocolVersion);
        }
        return builder;
    }
}
