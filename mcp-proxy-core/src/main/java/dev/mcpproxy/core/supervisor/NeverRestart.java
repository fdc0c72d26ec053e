package dev.mcpproxy.core.supervisor;

import java.time.Duration;
import java.util.Optional;

/** {@code restart.policy: never}: a server that goes away stays away until someone starts it. */
public final class NeverRestart implements RestartPolicy {

    @Override
    public Optional<Duration> nextDelay(int failuresInARow, boolean cleanExit) {
        return Optional.empty();
    }
}
