package dev.mcpproxy.core;

import dev.mcpproxy.core.config.ProfileConfig;
import dev.mcpproxy.core.config.ProxyConfig;
import dev.mcpproxy.core.config.ServerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What applying a new configuration does: servers told apart by name, and by their whole entry.
 *
 * @param restartRequired top-level settings that differ but only take effect when the sidecar restarts
 *                        ({@code host}, {@code proxy_port}, {@code api_port}, {@code auth_token},
 *                        {@code health_check}, {@code max_message_size})
 * @param profiles        the profiles added, removed or changed, which apply at once
 */
public record ConfigChange(List<String> added, List<String> removed, List<String> changed, List<String> unchanged,
                           List<String> restartRequired, List<String> profiles) {

    /** What changes when {@code next} replaces {@code running}; the lists in the order of the file they are in. */
    public static ConfigChange between(ProxyConfig running, ProxyConfig next) {
        Map<String, ServerConfig> before = new LinkedHashMap<>();
        running.servers().forEach(server -> before.put(server.name(), server));
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (ServerConfig server : next.servers()) {
            ServerConfig old = before.remove(server.name());
            List<String> kind = old == null ? added : old.equals(server) ? unchanged : changed;
            kind.add(server.name());
        }
        return new ConfigChange(added, List.copyOf(before.keySet()), changed, unchanged,
                restartRequired(running, next), profiles(running, next));
    }

    private static List<String> profiles(ProxyConfig running, ProxyConfig next) {
        List<String> differ = new ArrayList<>();
        for (ProfileConfig profile : next.profiles()) {
            if (!running.profile(profile.name()).equals(java.util.Optional.of(profile))) {
                differ.add(profile.name());
            }
        }
        running.profiles().stream().map(ProfileConfig::name).filter(n -> next.profile(n).isEmpty()).forEach(differ::add);
        return differ;
    }

    private static List<String> restartRequired(ProxyConfig running, ProxyConfig next) {
        List<String> settings = new ArrayList<>();
        if (!running.host().equals(next.host())) {
            settings.add("host");
        }
        if (running.proxyPort() != next.proxyPort()) {
            settings.add("proxy_port");
        }
        if (running.apiPort() != next.apiPort()) {
            settings.add("api_port");
        }
        if (!running.authToken().equals(next.authToken())) {
            settings.add("auth_token");
        }
        if (!running.healthCheck().equals(next.healthCheck())) {
            settings.add("health_check");
        }
        if (running.maxMessageBytes() != next.maxMessageBytes()) {
            // The MCP port's body limit is set when it opens; the servers that changed take the new limit.
            settings.add("max_message_size");
        }
        return settings;
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && restartRequired.isEmpty() && profiles.isEmpty();
    }
}
