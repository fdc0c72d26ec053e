package dev.mcpproxy.server.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a client reaches this proxy: the MCP endpoint, the legacy SSE one, the bearer token the endpoint asks for
 * ({@code auth_token}), and the command that runs this installation's {@code mcp-proxy-server}, for the stdio
 * bridge.
 *
 * @param launch the program and its first arguments, to which {@code connect URL} is added
 */
public record ProxyAddress(String mcpUrl, String sseUrl, Optional<String> authToken, List<String> launch) {

    /** The variable from which {@code mcp-proxy-server connect} takes the endpoint's bearer token. */
    public static final String BRIDGE_TOKEN = "MCP_PROXY_AUTH_TOKEN";

    public ProxyAddress {
        launch = List.copyOf(launch);
    }

    /** A wildcard host ({@code 0.0.0.0}, {@code ::}) is where the proxy listens, not an address to connect to. */
    public static ProxyAddress of(String host, int proxyPort, Optional<String> authToken, List<String> launch) {
        String connectTo = switch (host) {
            case "0.0.0.0", "::", "[::]", "" -> "127.0.0.1";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
        String base = "http://" + connectTo + ":" + proxyPort;
        return new ProxyAddress(base + "/mcp", base + "/sse", authToken, launch);
    }

    /**
     * The address of a profile's endpoints instead of the aggregate's; {@code token} is the one its endpoints ask
     * for (its own, or {@code auth_token} when it has none).
     */
    public ProxyAddress forProfile(String name, Optional<String> token) {
        String base = mcpUrl.substring(0, mcpUrl.length() - "/mcp".length()) + "/profiles/" + name;
        return new ProxyAddress(base + "/mcp", base + "/sse", token, launch);
    }

    /** The header a client must send when the endpoint wants a token. */
    public Optional<String> authorization() {
        return authToken.map(token -> "Bearer " + token);
    }

    /** What a stdio-only client runs: {@code mcp-proxy-server connect URL}; the token goes in {@link #bridgeEnvironment}. */
    public List<String> bridgeCommand() {
        List<String> command = new ArrayList<>(launch);
        command.add("connect");
        command.add(mcpUrl);
        return List.copyOf(command);
    }

    /**
     * The variables the bridge is started with: the token, when the endpoint wants one. Not a {@code --header}
     * argument, since every local user can read a process's arguments ({@code ps}, {@code /proc/PID/cmdline}) but
     * only its owner its environment.
     */
    public Map<String, String> bridgeEnvironment() {
        return authToken.map(token -> Map.of(BRIDGE_TOKEN, token)).orElse(Map.of());
    }
}
