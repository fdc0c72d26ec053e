package dev.mcpproxy.core.upstream.auth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.mcpproxy.core.config.OAuthConfig;
import dev.mcpproxy.core.secrets.SecretStore;
import dev.mcpproxy.core.secrets.SecretStoreException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-ins in progress: each starts with an authorization URL for the user's browser (authorization code with PKCE
 * S256, a fresh {@code state}, and the {@code resource}) and ends when the browser comes back to the proxy's
 * loopback redirect address with a code, which is exchanged for tokens that go to the secret store. The
 * {@code state} is the only credential of the callback, so an answer is taken once, only for a state the proxy
 * made, and only at the exact redirect address.
 */
public final class SignIns {

    /** A sign-in the user left unfinished is forgotten after this long. */
    private static final Duration PENDING_FOR = Duration.ofMinutes(15);
    /** Pending sign-ins held at once: a caller that starts sign-ins in a loop cannot grow the map without bound. */
    static final int MAX_PENDING = 64;

    private record Pending(String server, AuthorizationTarget target, StoredClient client, CodeVerifier verifier,
            Instant started) {
    }

    private final SecretStore secrets;
    private final URI redirectUri;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** @param redirectUri {@code http://127.0.0.1:<api port>/oauth/callback}, where the browser comes back */
    public SignIns(SecretStore secrets, URI redirectUri) {
        this.secrets = secrets;
        this.redirectUri = redirectUri;
    }

    public URI redirectUri() {
        return redirectUri;
    }

    /**
     * Discovers where {@code server} signs in, registers a client there if needed, and returns the URL to open in
     * the browser.
     */
    public URI start(String server, URI url, OAuthConfig settings, String wwwAuthenticate) throws SignInException {
        AuthorizationTarget target = AuthorizationDiscovery.discover(url, wwwAuthenticate);
        StoredClient client = client(server, target, settings);
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Optional<Scope> scope = settings.scopes().isEmpty() ? target.scope()
                : Optional.of(new Scope(settings.scopes().toArray(String[]::new)));
        forgetStale();
        if (pending.size() >= MAX_PENDING) {
            throw new SignInException(MAX_PENDING + " sign-ins are already waiting for their browser; finish one, or "
                    + "wait " + PENDING_FOR.toMinutes() + " minutes for them to lapse.");
        }
        pending.put(state.getValue(), new Pending(server, target, client, verifier, Instant.now()));
        AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(ResponseType.CODE,
                new ClientID(client.clientId()))
                .endpointURI(target.server().getAuthorizationEndpointURI())
                .redirectionURI(redirectUri)
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .resource(target.resource());
        scope.ifPresent(request::scope);
        return request.build().toURI();
    }

    /**
     * Takes the browser's return to the redirect address: checks it, exchanges the code, stores the tokens.
     *
     * @return the name of the server now signed in
     */
    public String complete(URI callback) throws SignInException {
        if (!AuthorizationDiscovery.origin(callback).equals(AuthorizationDiscovery.origin(redirectUri))
                || !redirectUri.getRawPath().equals(callback.getRawPath())) {
            throw new SignInException("A sign-in answer came to " + callback.getScheme() + "://"
                    + callback.getRawAuthority() + callback.getRawPath() + ", not to the proxy's redirect address "
                    + redirectUri + "; refused. Start the sign-in again.");
        }
        AuthorizationResponse response;
        try {
            response = AuthorizationResponse.parse(callback);
        } catch (ParseException e) {
            throw new SignInException("The sign-in answer is not an OAuth authorization response: " + e.getMessage());
        }
        Pending started = response.getState() == null ? null : pending.remove(response.getState().getValue());
        if (started == null || started.started().plus(PENDING_FOR).isBefore(Instant.now())) {
            throw new SignInException("No sign-in of the proxy's is waiting for this answer (its state is unknown, "
                    + "already used or lapsed); refused. Start the sign-in again.");
        }
        String server = started.server();
        if (response.getIssuer() != null
                && !response.getIssuer().getValue().equals(started.target().server().getIssuer().getValue())) {
            throw new SignInException(server + ": the sign-in answer names the issuer " + response.getIssuer()
                    + ", not " + started.target().server().getIssuer() + "; refused (RFC 9207).");
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new SignInException(server + ": the authorization server did not sign in: " + error.getCode()
                    + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")"));
        }
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        if (code == null) {
            throw new SignInException(server + ": the sign-in answer carries no authorization code.");
        }
        StoredTokens tokens;
        try {
            tokens = TokenEndpoint.request(started.client(), started.target().server().getTokenEndpointURI(),
                    new AuthorizationCodeGrant(code, redirectUri, started.verifier()), started.target().resource(),
                    Optional.empty());
        } catch (TokenEndpoint.RefusedException e) {
            throw new SignInException(server + ": the authorization server refused the code: " + e.getMessage()
                    + ". Start the sign-in again.");
        } catch (IOException e) {
            throw new SignInException(server + ": could not reach the token endpoint "
                    + started.target().server().getTokenEndpointURI() + ": " + e.getMessage(), e);
        }
        put(StoredTokens.secretName(server), tokens.toJson());
        return server;
    }

    /** A configured client; else the one registered before at this issuer for this redirect; else a new one. */
    private StoredClient client(String server, AuthorizationTarget target, OAuthConfig settings)
            throws SignInException {
        String issuer = target.server().getIssuer().getValue();
        if (settings.clientId().isPresent()) {
            StoredClient configured = new StoredClient(settings.clientId().get(), settings.clientSecret(), issuer,
                    redirectUri);
            put(StoredClient.secretName(server), configured.toJson());
            return configured;
        }
        Optional<StoredClient> known = get(StoredClient.secretName(server)).flatMap(StoredClient::parse)
                .filter(stored -> stored.issuer().equals(issuer) && stored.redirectUri().equals(redirectUri));
        if (known.isPresent()) {
            return known.get();
        }
        URI registration = target.server().getRegistrationEndpointURI();
        if (registration == null) {
            throw new SignInException(server + ": the authorization server " + issuer + " offers no dynamic client "
                    + "registration. Register a client there with the redirect address " + redirectUri
                    + " and set oauth.client_id for " + server + " in the configuration.");
        }
        StoredClient registered = register(server, registration, issuer);
        put(StoredClient.secretName(server), registered.toJson());
        return registered;
    }

    private StoredClient register(String server, URI endpoint, String issuer) throws SignInException {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName("MCP Proxy");
        metadata.setRedirectionURI(redirectUri);
        metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
        metadata.setResponseTypes(Set.of(ResponseType.CODE));
        metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.NONE);
        try {
            ClientRegistrationResponse response = ClientRegistrationResponse.parse(
                    new ClientRegistrationRequest(endpoint, metadata, null).toHTTPRequest().send());
            if (!response.indicatesSuccess()) {
                ErrorObject error = response.toErrorResponse().getErrorObject();
                throw new SignInException(server + ": the authorization server " + issuer + " refused to register "
                        + "the proxy as a client: " + error.getCode()
                        + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")"));
            }
            ClientInformation info = ((ClientInformationResponse) response).getClientInformation();
            return new StoredClient(info.getID().getValue(),
                    Optional.ofNullable(info.getSecret()).map(secret -> secret.getValue()), issuer, redirectUri);
        } catch (IOException | ParseException e) {
            throw new SignInException(server + ": could not register a client at " + endpoint + ": "
                    + e.getMessage(), e);
        }
    }

    private void forgetStale() {
        Instant cutoff = Instant.now().minus(PENDING_FOR);
        pending.values().removeIf(started -> started.started().isBefore(cutoff));
    }

    private Optional<String> get(String name) throws SignInException {
        try {
            return secrets.get(name);
        } catch (SecretStoreException e) {
            throw new SignInException(e.getMessage(), e);
        }
    }

    private void put(String name, String value) throws SignInException {
        try {
            secrets.put(name, value);
        } catch (SecretStoreException e) {
            throw new SignInException(e.getMessage(), e);
        }
    }
}
