package dev.mcpproxy.core.supervisor;

import dev.mcpproxy.shared.ServerState;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** A moment's view of one supervised server. */
public record ServerStatus(
        String name,
        ServerState state,
        OptionalLong pid,
        Optional<Instant> runningSince,
        int restarts,
        Optional<String> lastError) {
}
