package dev.mcpproxy.core.config;

import java.time.Duration;

/** Every default of the configuration file, in one place. */
public final class Defaults {

    public static final int PROXY_PORT = 3000;
    public static final String HOST = "127.0.0.1";
    public static final boolean HEALTH_CHECK_ENABLED = true;
    public static final Duration HEALTH_CHECK_INTERVAL = Duration.ofSeconds(30);
    public static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(5);
    public static final RestartConfig.Policy RESTART_POLICY = RestartConfig.Policy.ON_FAILURE;
    public static final int RESTART_MAX_RETRIES = 5;
    public static final Duration RESTART_INITIAL_DELAY = Duration.ofSeconds(1);
    public static final Duration RESTART_MAX_DELAY = Duration.ofSeconds(30);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private Defaults() {
    }

    /** The seed's rule: the api port is the proxy port + 1 (any free port when the proxy port is). */
    public static int apiPortFor(int proxyPort) {
        return proxyPort == 0 ? 0 : proxyPort + 1;
    }
}
