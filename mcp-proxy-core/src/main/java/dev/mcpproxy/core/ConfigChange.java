package dev.mcpproxy.core;

import java.util.List;

/**
 * What applying a new configuration did.
 *
 * @param restartRequired top-level settings that differ but only take effect when the sidecar restarts
 *                        ({@code proxy_port}, {@code api_port}, {@code host}, {@code auth_token}, {@code health_check})
 */
public record ConfigChange(List<String> added, List<String> removed, List<String> changed, List<String> unchanged,
                           List<String> restartRequired) {

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && restartRequired.isEmpty();
    }
}
