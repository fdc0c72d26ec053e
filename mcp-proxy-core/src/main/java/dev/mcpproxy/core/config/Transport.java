package dev.mcpproxy.core.config;

/** How the proxy reaches an upstream server. */
public enum Transport {
    STDIO("stdio"),
    STREAMABLE_HTTP("streamable-http"),
    SSE("sse");

    private final String yamlName;

    Transport(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in the configuration file. */
    public String yamlName() {
        return yamlName;
    }
}
