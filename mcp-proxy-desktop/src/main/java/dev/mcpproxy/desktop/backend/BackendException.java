package dev.mcpproxy.desktop.backend;

/** The sidecar could not be started or reached; the message says why in words a user can act on. */
public final class BackendException extends Exception {

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
