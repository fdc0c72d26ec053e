package dev.mcpproxy.core.upstream.auth;

import java.util.Optional;

/**
 * What an HTTP transport asks before each request (the Authorization header to send) and tells after a 401, so that
 * signing in, refreshing and giving up live in one place and the transports only carry headers.
 */
public interface UpstreamAuthorization {

    /** For a server whose headers are all configured: nothing to add, and a 401 is just an error. */
    UpstreamAuthorization NONE = new UpstreamAuthorization() {
        @Override
        public Optional<String> header() {
            return Optional.empty();
        }

        @Override
        public boolean unauthorized(Optional<String> sent, String wwwAuthenticate) {
            return false;
        }
    };

    /** The Authorization header's value for the next request, if there is one; a token near its expiry is renewed. */
    Optional<String> header() throws NeedsSignInException;

    /**
     * The upstream answered 401 to a request sent with the header {@code sent}: whether sending it once more, with
     * {@link #header()} asked again, may pass.
     *
     * @param wwwAuthenticate the answer's WWW-Authenticate header, empty when it had none
     */
    boolean unauthorized(Optional<String> sent, String wwwAuthenticate) throws NeedsSignInException;
}
