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
    /**
     * max_message_size, in MiB: the largest JSON-RPC message an upstream may send (a stdio line, an HTTP body or
     * event) and a client may post. 32 MiB carries a large file or image as base64; more would not fit beside the
     * rest in the sidecar's heap.
     */
    public static final int MAX_MESSAGE_SIZE_MIB = 32;
    /** The largest max_message_size accepted: a message is carried in one Java array at the end. */
    public static final int MAX_MESSAGE_SIZE_MIB_LIMIT = 1024;

    private Defaults() {
    }

    /** The seed's rule: the api port is the proxy port + 1 (any free port when the proxy port is). */
    public static int apiPortFor(int proxyPort) {
        return proxyPort == 0 ? 0 : proxyPort + 1;
    }
}
