package dev.mcpproxy.core.upstream.auth;

import java.io.IOException;

/**
 * The server wants a token the proxy does not have, or no longer has (a refresh was refused): a person has to sign
 * in. Not a crash; the server waits until someone does. An IOException, as it ends a connection like one.
 */
public final class NeedsSignInException extends IOException {

    private final String wwwAuthenticate;

    public NeedsSignInException(String message, String wwwAuthenticate) {
        super(message);
        this.wwwAuthenticate = wwwAuthenticate;
    }

    /** The 401's WWW-Authenticate header that asked for sign-in, empty when none came with it. */
    public String wwwAuthenticate() {
        return wwwAuthenticate;
    }
}
