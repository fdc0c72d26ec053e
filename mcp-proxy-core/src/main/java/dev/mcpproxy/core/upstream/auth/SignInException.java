package dev.mcpproxy.core.upstream.auth;

/** A sign-in step failed or was refused; the message says why and what to do, in words for a user. */
public final class SignInException extends Exception {

    public SignInException(String message) {
        super(message);
    }

    public SignInException(String message, Throwable cause) {
        super(message, cause);
    }
}
