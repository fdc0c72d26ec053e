package dev.mcpproxy.core.upstream.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.mcpproxy.core.config.OAuthConfig;
import dev.mcpproxy.core.secrets.MemorySecretStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing in against a real OAuth 2.1 authorization server (npm's oidc-provider: dynamic registration, PKCE
 * required, refresh tokens, resource indicators) guarding the TypeScript SDK's MCP server, all on loopback.
 */
class SignInsTest {

    private static GuardedServer guarded;
    private static final int REDIRECT_PORT = 47_999;
    private final MemorySecretStore secrets = new MemorySecretStore();
    private final SignIns signIns = new SignIns(secrets,
            URI.create("http://127.0.0.1:" + REDIRECT_PORT + "/oauth/callback"));

    @BeforeAll
    static void startServer() throws Exception {
        guarded = new GuardedServer(60);
    }

    @AfterAll
    static void stopServer() {
        guarded.close();
    }

    @Test
    void signInRegistersAClientAndStoresTokensTheServerTakes() throws Exception {
        String challenge = unauthorizedChallenge(guarded.mcp());
        assertThat(challenge).contains("resource_metadata=");

        URI authorization = signIns.start("remote", guarded.mcp(), OAuthConfig.DEFAULT, challenge);

        assertThat(authorization.toString()).startsWith(guarded.issuer() + "/auth?")
                .contains("code_challenge_method=S256", "state=", "resource=", "scope=mcp",
                        "redirect_uri=http%3A%2F%2F127.0.0.1%3A" + REDIRECT_PORT + "%2Foauth%2Fcallback");
        assertThat(signIns.complete(new FormBrowser().signIn(authorization, REDIRECT_PORT))).isEqualTo("remote");
        assertThat(secrets.names()).containsExactly("oauth/remote/client", "oauth/remote/tokens");
        Optional<String> header = new OAuthAuthorization("remote", secrets).header();
        assertThat(header).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer "));
        assertThat(initialize(guarded.mcp(), header.get()).statusCode()).isEqualTo(200);
    }

    @Test
    void anAnswerWithAStateTheProxyDidNotMakeIsRefused() throws Exception {
        URI authorization = signIns.start("remote", guarded.mcp(), OAuthConfig.DEFAULT, unauthorizedChallenge(guarded.mcp()));
        URI callback = new FormBrowser().signIn(authorization, REDIRECT_PORT);
        URI forged = URI.create(callback.toString().replaceAll("state=[^&]+", "state=forged"));

        assertThatThrownBy(() -> signIns.complete(forged)).isInstanceOf(SignInException.class)
                .hasMessageContaining("state is unknown");
        assertThat(secrets.names()).doesNotContain("oauth/remote/tokens");
    }

    @Test
    void aCodeRedeemedWithAnotherSignInsVerifierIsRefusedByTheServer() throws Exception {
        String challenge = unauthorizedChallenge(guarded.mcp());
        URI first = signIns.start("remote", guarded.mcp(), OAuthConfig.DEFAULT, challenge);
        URI second = signIns.start("remote", guarded.mcp(), OAuthConfig.DEFAULT, challenge);
        URI firstCallback = new FormBrowser().signIn(first, REDIRECT_PORT);
        String secondState = second.getRawQuery().replaceAll(".*(?:^|&)state=([^&]+).*", "$1");
        URI swapped = URI.create(firstCallback.toString().replaceAll("state=[^&]+", "state=" + secondState));

        assertThatThrownBy(() -> signIns.complete(swapped)).isInstanceOf(SignInException.class)
                .hasMessageContaining("refused the code").hasMessageContaining("invalid_grant");
        assertThat(secrets.names()).doesNotContain("oauth/remote/tokens");
    }

    @Test
    void anAnswerOnAnotherPortIsRefused() throws Exception {
        URI authorization = signIns.start("remote", guarded.mcp(), OAuthConfig.DEFAULT, unauthorizedChallenge(guarded.mcp()));
        URI callback = new FormBrowser().signIn(authorization, REDIRECT_PORT);
        URI otherPort = URI.create(callback.toString().replace(":" + REDIRECT_PORT + "/", ":" + (REDIRECT_PORT + 1) + "/"));

        assertThatThrownBy(() -> signIns.complete(otherPort)).isInstanceOf(SignInException.class)
                .hasMessageContaining("not to the proxy's redirect address");
        assertThat(secrets.names()).doesNotContain("oauth/remote/tokens");
        assertThat(signIns.complete(callback)).as("the real answer still completes").isEqualTo("remote");
    }

    @Test
    void signInsWaitingForTheirBrowserAreBoundedAndTheNextIsRefusedWithAMessage() throws Exception {
        String challenge = unauthorizedChallenge(guarded.mcp());
        for (int i = 0; i < SignIns.MAX_PENDING; i++) {
            signIns.start("remote", guarded.mcp(), OAuthConfig.DEFAULT, challenge);
        }

        assertThatThrownBy(() -> signIns.start("remote", guarded.mcp(), OAuthConfig.DEFAULT, challenge))
                .isInstanceOf(SignInException.class).hasMessageContaining("sign-ins are already waiting");
    }

    @Test
    void metadataNamingAResourceOfAnotherOriginIsRefused() throws Exception {
        URI server = URI.create("http://127.0.0.1:" + guarded.mcpPort + "/other-origin/mcp");

        assertThatThrownBy(() -> signIns.start("remote", server, OAuthConfig.DEFAULT, unauthorizedChallenge(server)))
                .isInstanceOf(SignInException.class).hasMessageContaining("which is not this server");
        assertThat(secrets.names()).isEmpty();
    }

    @Test
    void anAuthorizationServerWhoseMetadataNamesAnotherIssuerIsRefused() throws Exception {
        URI server = URI.create("http://127.0.0.1:" + guarded.mcpPort + "/other-issuer/mcp");

        assertThatThrownBy(() -> signIns.start("remote", server, OAuthConfig.DEFAULT, unauthorizedChallenge(server)))
                .isInstanceOf(SignInException.class).hasMessageContaining("says its issuer is " + guarded.issuer());
        assertThat(secrets.names()).isEmpty();
    }

    @Test
    void anAuthorizationServerWithoutPkceS256IsRefused() throws Exception {
        URI server = URI.create("http://127.0.0.1:" + guarded.mcpPort + "/no-pkce/mcp");

        assertThatThrownBy(() -> signIns.start("remote", server, OAuthConfig.DEFAULT, unauthorizedChallenge(server)))
                .isInstanceOf(SignInException.class).hasMessageContaining("PKCE with S256");
        assertThat(secrets.names()).isEmpty();
    }

    @Test
    void aServerWithoutResourceMetadataIsReportedWithTheAddressesTried() {
        URI server = URI.create("http://127.0.0.1:" + guarded.authorizationPort + "/nothing");

        assertThatThrownBy(() -> signIns.start("remote", server, OAuthConfig.DEFAULT, ""))
                .isInstanceOf(SignInException.class)
                .hasMessageContaining("/.well-known/oauth-protected-resource/nothing (HTTP 404)");
    }

    @Test
    void aRevokedRefreshTokenAsksForSignInAndForgetsTheTokens() throws Exception {
        URI authorization = signIns.start("remote", guarded.mcp(), OAuthConfig.DEFAULT, unauthorizedChallenge(guarded.mcp()));
        signIns.complete(new FormBrowser().signIn(authorization, REDIRECT_PORT));
        OAuthAuthorization tokens = new OAuthAuthorization("remote", secrets);
        StoredTokens stored = StoredTokens.parse(secrets.get("oauth/remote/tokens").orElseThrow()).orElseThrow();
        StoredClient client = StoredClient.parse(secrets.get("oauth/remote/client").orElseThrow()).orElseThrow();
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(guarded.issuer()));
        new TokenRevocationRequest(metadata.getRevocationEndpointURI(), new ClientID(client.clientId()),
                new RefreshToken(stored.refreshToken().orElseThrow())).toHTTPRequest().send();

        assertThatThrownBy(() -> tokens.unauthorized(tokens.header(), "")).isInstanceOf(NeedsSignInException.class)
                .hasMessageContaining("sign in again");
        assertThat(secrets.names()).doesNotContain("oauth/remote/tokens");
        assertThat(tokens.header()).isEmpty();
    }

    static String unauthorizedChallenge(URI server) throws Exception {
        HttpResponse<Void> response = initializeWith(server, Optional.empty(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(401);
        return response.headers().firstValue("WWW-Authenticate").orElse("");
    }

    static HttpResponse<String> initialize(URI server, String authorization) throws Exception {
        return initializeWith(server, Optional.of(authorization), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> HttpResponse<T> initializeWith(URI server, Optional<String> authorization,
            HttpResponse.BodyHandler<T> body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                        "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"""));
        authorization.ifPresent(value -> request.header("Authorization", value));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), body);
        }
    }
}
