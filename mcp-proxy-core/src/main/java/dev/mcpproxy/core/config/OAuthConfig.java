package dev.mcpproxy.core.config;

import java.util.List;
import java.util.Optional;

/**
 * A remote server's {@code oauth:} block: how the proxy signs in to it.
 *
 * @param clientId     a client registered by hand at the authorization server; without one the proxy registers
 *                     itself dynamically (RFC 7591) where the server offers that
 * @param clientSecret that client's secret, for a confidential client
 * @param scopes       the scopes to ask for; empty for those the server asks for or offers
 */
public record OAuthConfig(Optional<String> clientId, Optional<String> clientSecret, List<String> scopes) {

    /** No block: dynamic registration and the server's own scopes. */
    public static final OAuthConfig DEFAULT = new OAuthConfig(Optional.empty(), Optional.empty(), List.of());

    public OAuthConfig {
        scopes = List.copyOf(scopes);
    }
}
