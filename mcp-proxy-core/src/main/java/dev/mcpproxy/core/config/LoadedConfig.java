package dev.mcpproxy.core.config;

import java.util.List;

/** A valid configuration, and the borderline values that were corrected on the way (one message each). */
public record LoadedConfig(ProxyConfig config, List<String> warnings) {
}
