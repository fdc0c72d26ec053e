package dev.mcpproxy.core.upstream;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.rpc.ProtocolVersions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP handshake the proxy's client side does with every upstream: it offers the newest revision and the client
 * capabilities it carries for its own clients (roots, sampling, elicitation), and refuses a revision it does not speak.
 */
public final class Handshake {

    private Handshake() {
    }

    /** Initializes an opened connection; blocks until the upstream answers, or fails after request_timeout. */
    public static LiveUpstream perform(ServerConfig config, UpstreamConnection connection, String proxyVersion)
            throws ExecutionException, InterruptedException, TimeoutException {
        ObjectNode params = Json.object();
        params.put("protocolVersion", ProtocolVersions.LATEST);
        ObjectNode caps = params.putObject("capabilities");
        caps.putObject("roots").put("listChanged", true);
        caps.putObject("sampling");
        caps.putObject("elicitation");
        params.putObject("clientInfo").put("name", "mcp-proxy").put("version", proxyVersion);
        Duration timeout = config.requestTimeout();
        JsonNode result = connection.call("initialize", params, timeout)
                .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        String version = result.path("protocolVersion").asString("");
        if (!ProtocolVersions.SUPPORTED.contains(version)) {
            throw new IllegalStateException(config.name() + " answered with protocol version \"" + version
                    + "\", which MCP Proxy does not speak (it speaks " + ProtocolVersions.SUPPORTED + ")");
        }
        connection.sendQuietly(JsonRpc.notification("notifications/initialized", null));
        return new LiveUpstream(config, connection, result);
    }
}
