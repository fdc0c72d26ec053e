package dev.mcpproxy.core.upstream.auth;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** One token request (code exchange or refresh), with the resource indicator every MCP token request carries. */
final class TokenEndpoint {

    private static final int TIMEOUT_MILLIS = 15_000;

    /** The authorization server answered with an OAuth error: the grant is no good, only a new sign-in helps. */
    static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }

    private TokenEndpoint() {
    }

    static StoredTokens request(StoredClient client, URI endpoint, AuthorizationGrant grant, URI resource,
            Optional<String> previousRefresh) throws IOException, RefusedException {
        TokenRequest.Builder builder = client.authentication()
                .map(auth -> new TokenRequest.Builder(endpoint, auth, grant))
                .orElseGet(() -> new TokenRequest.Builder(endpoint, new ClientID(client.clientId()), grant));
        HTTPRequest http = builder.resource(resource).build().toHTTPRequest();
        http.setConnectTimeout(TIMEOUT_MILLIS);
        http.setReadTimeout(TIMEOUT_MILLIS);
        TokenResponse response;
        try {
            response = TokenResponse.parse(http.send());
        } catch (ParseException e) {
            throw new IOException("the token endpoint " + endpoint + " sent an answer that is not OAuth: "
                    + e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new RefusedException(error.getCode() + (error.getDescription() == null ? ""
                    : " (" + error.getDescription() + ")"));
        }
        AccessTokenResponse success = response.toSuccessResponse();
        return StoredTokens.of(success.getTokens(), success.getTokens().getAccessToken().getLifetime(),
                previousRefresh, Instant.now(), endpoint, resource);
    }
}
