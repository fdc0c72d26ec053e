package dev.mcpproxy.server.sidecar;

import dev.mcpproxy.core.config.ProxyConfig;
import dev.mcpproxy.server.cli.CommandLine;

/** The command line wins over the file: {@code --port}, {@code --api-port}, {@code --host}. */
final class Overrides {

    private Overrides() {
    }

    static ProxyConfig apply(ProxyConfig config, CommandLine.Run commandLine) {
        int proxyPort = commandLine.port().orElse(config.proxyPort());
        // The seed's rule: the api port is the proxy port + 1 unless said otherwise.
        int defaultApi = commandLine.port().isPresent() && proxyPort != 0 ? proxyPort + 1 : config.apiPort();
        int apiPort = commandLine.apiPort().orElse(defaultApi);
        String host = commandLine.host().orElse(config.host());
        return new ProxyConfig(config.source(), host, proxyPort, apiPort, config.authToken(), config.healthCheck(),
                config.servers(), config.maxMessageBytes(), config.profiles());
    }
}
