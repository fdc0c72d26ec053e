package dev.mcpproxy.core.config;

import java.time.Duration;

/** The seed's {@code health_check}: an MCP ping every {@code interval}, failing after {@code timeout}. */
public record HealthCheckConfig(boolean enabled, Duration interval, Duration timeout) {
}
