package dev.mcpproxy.core.supervisor;

import dev.mcpproxy.shared.ServerState;

/** Hears every state change of every server; must return quickly. */
@FunctionalInterface
public interface StateListener {

    void stateChanged(String server, ServerState state, String detail);
}
