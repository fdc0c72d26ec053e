package dev.mcpproxy.core.upstream;

/** An upstream answered a request of the proxy's own with a JSON-RPC error, or could not answer. */
public final class UpstreamException extends Exception {

    private final int code;

    public UpstreamException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
