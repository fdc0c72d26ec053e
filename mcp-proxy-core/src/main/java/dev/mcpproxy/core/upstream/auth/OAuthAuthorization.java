package dev.mcpproxy.core.upstream.auth;

import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.mcpproxy.core.secrets.SecretStore;
import dev.mcpproxy.core.secrets.SecretStoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Bearer tokens of a signed-in server, from the secret store: sent on every request, renewed shortly before they
 * expire and once after a 401; a refresh the authorization server refuses means the user must sign in again.
 */
public final class OAuthAuthorization implements UpstreamAuthorization {

    /** Renewed this long before the expiry the server stated, so that no request carries a token that lapses. */
    static final Duration REFRESH_BEFORE = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger("mcp-proxy.upstream");

    private final String server;
    private final SecretStore secrets;
    private Optional<StoredTokens> tokens;

    /** Reads the server's tokens; a store that cannot be read leaves it without, so it asks for sign-in. */
    public OAuthAuthorization(String server, SecretStore secrets) {
        this.server = server;
        this.secrets = secrets;
        Optional<StoredTokens> stored;
        try {
            stored = secrets.get(StoredTokens.secretName(server)).flatMap(StoredTokens::parse);
        } catch (SecretStoreException e) {
            LOG.log(Level.WARNING, server + ": its sign-in tokens could not be read: " + e.getMessage());
            stored = Optional.empty();
        }
        this.tokens = stored;
    }

    @Override
    public synchronized Optional<String> header() throws NeedsSignInException {
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        StoredTokens current = tokens.get();
        boolean expiring = current.expiresAt().map(at -> Instant.now().plus(REFRESH_BEFORE).isAfter(at)).orElse(false);
        if (expiring && current.refreshToken().isPresent()) {
            refresh(current, "");
        }
        return tokens.map(held -> "Bearer " + held.accessToken());
    }

    @Override
    public synchronized boolean unauthorized(Optional<String> sent, String wwwAuthenticate)
            throws NeedsSignInException {
        if (tokens.isEmpty()) {
            throw new NeedsSignInException(server + " needs sign-in", wwwAuthenticate);
        }
        StoredTokens current = tokens.get();
        if (!sent.equals(Optional.of("Bearer " + current.accessToken()))) {
            return true;
        }
        if (current.refreshToken().isEmpty()) {
            forget();
            throw new NeedsSignInException(server + " refused its token and gave no way to renew it; sign in again",
                    wwwAuthenticate);
        }
        return refresh(current, wwwAuthenticate);
    }

    /** Whether a new token came; a refused refresh forgets the tokens and asks for sign-in. */
    private boolean refresh(StoredTokens current, String wwwAuthenticate) throws NeedsSignInException {
        StoredTokens renewed;
        try {
            renewed = TokenEndpoint.request(client(), current.tokenEndpoint(),
                    new RefreshTokenGrant(new RefreshToken(current.refreshToken().orElseThrow())), current.resource(),
                    current.refreshToken());
        } catch (TokenEndpoint.RefusedException e) {
            LOG.log(Level.WARNING, server + ": the authorization server refused to renew the token: " + e.getMessage());
            forget();
            throw new NeedsSignInException(server + ": the sign-in has ended (the token could not be renewed: "
                    + e.getMessage() + "); sign in again", wwwAuthenticate);
        } catch (IOException e) {
            LOG.log(Level.WARNING, server + ": could not renew the token, trying the old one: " + e.getMessage());
            return false;
        }
        tokens = Optional.of(renewed);
        try {
            secrets.put(StoredTokens.secretName(server), renewed.toJson());
        } catch (SecretStoreException e) {
            LOG.log(Level.WARNING, server + ": the renewed token is used but could not be stored: " + e.getMessage());
        }
        return true;
    }

    private StoredClient client() throws NeedsSignInException {
        try {
            return secrets.get(StoredClient.secretName(server)).flatMap(StoredClient::parse)
                    .orElseThrow(() -> new NeedsSignInException(server + ": the client it signed in with is gone; "
                            + "sign in again", ""));
        } catch (SecretStoreException e) {
            throw new NeedsSignInException(server + ": " + e.getMessage(), "");
        }
    }

    private void forget() {
        tokens = Optional.empty();
        try {
            secrets.delete(StoredTokens.secretName(server));
        } catch (SecretStoreException e) {
            LOG.log(Level.WARNING, server + ": could not delete its ended tokens: " + e.getMessage());
        }
    }
}
