package dev.mcpproxy.shared;

/** Where an upstream MCP server is in its life, as the supervisor sees it. */
public enum ServerState {
    /** Not running and not meant to run: disabled, or stopped by the user. */
    STOPPED,
    /** Process spawned or connection opened; the MCP handshake has not finished. */
    STARTING,
    /** Handshake done and answering. */
    RUNNING,
    /** Running, but health checks fail; requests still go to it. */
    UNHEALTHY,
    /** Exited or lost; waiting before the next restart attempt. */
    BACKING_OFF,
    /** Gave up: crashed too often in a row, or could not be started at all. */
    FAILED,
    /** A remote server that wants a person to sign in; it waits for that, and is not restarted. */
    NEEDS_SIGN_IN;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
