package dev.mcpproxy.core.router;

import dev.mcpproxy.core.router.CallsInFlight.ForwardedCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** One MCP client connected to the proxy: what it negotiated, and what it has in flight. */
public final class DownstreamSession {

    private final String id;
    private final McpEndpoint endpoint;
    private final Map<String, ForwardedCall> inFlight = new ConcurrentHashMap<>();
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile String protocolVersion;
    private volatile JsonNode clientCapabilities;
    private volatile JsonNode clientInfo;
    private volatile ClientStream stream;
    private volatile LogLevel logLevel;
    private volatile boolean closed;
    private volatile long lastActive = System.nanoTime();

    DownstreamSession(String id, McpEndpoint endpoint) {
        this.id = id;
        this.endpoint = endpoint;
    }

    public String id() {
        return id;
    }

    public McpEndpoint endpoint() {
        return endpoint;
    }

    public Optional<String> protocolVersion() {
        return Optional.ofNullable(protocolVersion);
    }

    void initialized(String version, JsonNode capabilities, JsonNode info) {
        protocolVersion = version;
        clientCapabilities = capabilities;
        clientInfo = info;
    }

    /** Whether the client declared a capability, such as {@code sampling}, {@code elicitation} or {@code roots}. */
    public boolean declares(String capability) {
        JsonNode caps = clientCapabilities;
        return caps != null && caps.has(capability);
    }

    public String clientName() {
        JsonNode info = clientInfo;
        return info == null ? "unknown client" : info.path("name").asString("unknown client");
    }

    /** Attaches the standing stream; false when one is already open (a client gets one at a time). */
    public synchronized boolean attachStream(ClientStream newStream) {
        if (stream != null || closed) {
            return false;
        }
        stream = newStream;
        return true;
    }

    public synchronized void detachStream(ClientStream old) {
        if (stream == old) {
            stream = null;
        }
    }

    boolean hasStream() {
        return stream != null;
    }

    /** Sends on the standing stream; false when there is none. */
    public boolean send(JsonNode message) {
        ClientStream s = stream;
        return s != null && s.send(message);
    }

    /** Sends a message given as JSON bytes in pieces on the standing stream; false when there is none. */
    public boolean send(List<byte[]> message) {
        ClientStream s = stream;
        return s != null && s.send(message);
    }

    Map<String, ForwardedCall> inFlight() {
        return inFlight;
    }

    Set<String> subscriptions() {
        return subscriptions;
    }

    Optional<LogLevel> logLevel() {
        return Optional.ofNullable(logLevel);
    }

    void logLevel(LogLevel level) {
        logLevel = level;
    }

    void touch() {
        lastActive = System.nanoTime();
    }

    long lastActive() {
        return lastActive;
    }

    /** Neither a standing stream open nor a call in flight: nothing is lost if the session ends. */
    boolean isIdle() {
        return stream == null && inFlight.isEmpty();
    }

    public boolean isClosed() {
        return closed;
    }

    synchronized ClientStream markClosed() {
        closed = true;
        ClientStream s = stream;
        stream = null;
        return s;
    }
}
