package dev.mcpproxy.core.rpc;

import java.util.List;

/** The MCP protocol revisions the proxy speaks, newest first. */
public final class ProtocolVersions {

    public static final String LATEST = "2025-11-25";
    public static final List<String> SUPPORTED = List.of(LATEST, "2025-06-18", "2025-03-26", "2024-11-05");

    private ProtocolVersions() {
    }

    /** The spec's rule: answer with the client's version when we speak it, else with our newest. */
    public static String negotiate(String requested) {
        return SUPPORTED.contains(requested) ? requested : LATEST;
    }
}
