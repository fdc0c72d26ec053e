package dev.mcpproxy.core.secrets;

/** The secret store could not be read or written; the message says why, in words for a user, and never a value. */
public final class SecretStoreException extends Exception {

    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
