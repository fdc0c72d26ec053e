package dev.mcpproxy.core.upstream.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import dev.mcpproxy.core.config.ConfigLoader;
import dev.mcpproxy.core.config.OAuthConfig;
import dev.mcpproxy.core.secrets.MemorySecretStore;
import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.json.RawMessage;
import dev.mcpproxy.core.upstream.UpstreamTransport;
import dev.mcpproxy.core.upstream.http.LegacySseUpstream;
import dev.mcpproxy.core.upstream.http.StreamableHttpUpstream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The streamable HTTP transport with a signed-in server's tokens, against oidc-provider and the TypeScript SDK's
 * server: tokens are renewed before they lapse and after a 401 with no failed call, and a refused renewal asks for
 * sign-in.
 */
class OAuthAuthorizationTest {

    /** The access token lives 35 s, so it is inside the 30 s renewal margin 5 s after it was issued. */
    private static final int ACCESS_TOKEN_SECONDS = 35;
    private static final int REDIRECT_PORT = 47_998;
    private final MemorySecretStore secrets = new MemorySecretStore();
    private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
    private final BlockingQueue<NeedsSignInException> signInsAsked = new LinkedBlockingQueue<>();
    private GuardedServer guarded;
    private ServerConfig config;
    private StreamableHttpUpstream transport;

    @BeforeEach
    void signIn() throws Exception {
        guarded = new GuardedServer(ACCESS_TOKEN_SECONDS);
        SignIns signIns = new SignIns(secrets, URI.create("http://127.0.0.1:" + REDIRECT_PORT + "/oauth/callback"));
        URI authorization = signIns.start("remote", guarded.mcp(), OAuthConfig.DEFAULT,
                SignInsTest.unauthorizedChallenge(guarded.mcp()));
        signIns.complete(new FormBrowser().signIn(authorization, REDIRECT_PORT));
        config = ConfigLoader.parse("servers:\n  - name: remote\n    transport: streamable-http\n"
                + "    url: " + guarded.mcp() + "\n", Path.of("test.yaml")).config().servers().getFirst();
        transport = new StreamableHttpUpstream(config, new OAuthAuthorization("remote", secrets));
        transport.start(new Collecting());
    }

    @AfterEach
    void stop() {
        transport.close();
        guarded.close();
    }

    @Test
    void aTokenAboutToLapseIsRenewedBeforeTheCallWithNoFailure() throws Exception {
        assertThat(call(1, "initialize").has("result")).isTrue();
        Instant renewable = stored().expiresAt().orElseThrow().minus(OAuthAuthorization.REFRESH_BEFORE);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), renewable).toMillis() + 200));

        JsonNode answer = call(2, "tools/list");

        assertThat(answer.path("result").path("tools").path(0).path("name").asString()).isEqualTo("whoami");
        assertThat(guarded.grants("refresh_token")).isEqualTo(1);
        assertThat(signInsAsked).isEmpty();
    }

    @Test
    void aTokenTheServerNoLongerTakesIsRenewedOnceAndTheCallRetried() throws Exception {
        // oidc-provider revokes the whole grant with an access token, so the token is made one it never issued.
        StoredTokens tokens = stored();
        secrets.put("oauth/remote/tokens", new StoredTokens("not-issued", tokens.refreshToken(), tokens.expiresAt(),
                tokens.tokenEndpoint(), tokens.resource()).toJson());
        transport.close();
        transport = new StreamableHttpUpstream(config, new OAuthAuthorization("remote", secrets));
        transport.start(new Collecting());

        JsonNode answer = call(1, "initialize");

        assertThat(answer.has("result")).as(answer.toString()).isTrue();
        assertThat(guarded.grants("refresh_token")).isEqualTo(1);
    }

    @Test
    void aRevokedRefreshTokenAsksForSignInAndTheCallFailsWithThatReason() throws Exception {
        StoredTokens tokens = stored();
        revoke(new RefreshToken(tokens.refreshToken().orElseThrow()));
        revoke(new BearerAccessToken(tokens.accessToken()));

        JsonNode answer = call(1, "initialize");

        assertThat(answer.path("error").path("message").asString()).contains("remote", "sign in again");
        assertThat(signInsAsked.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(secrets.names()).doesNotContain("oauth/remote/tokens");
    }

    @Test
    void theLegacySseTransportCarriesTheTokenAndWithoutOneAsksForSignIn() throws Exception {
        ServerConfig sse = ConfigLoader.parse("servers:\n  - name: remote\n    transport: sse\n    url: "
                + guarded.mcp() + "/sse\n", Path.of("test.yaml")).config().servers().getFirst();
        transport.close();
        LegacySseUpstream withoutToken = new LegacySseUpstream(sse, new OAuthAuthorization("remote",
                new MemorySecretStore()));
        assertThatThrownBy(() -> withoutToken.start(new Collecting())).isInstanceOf(NeedsSignInException.class)
                .satisfies(e -> assertThat(((NeedsSignInException) e).wwwAuthenticate()).contains("resource_metadata"));
        withoutToken.close();

        LegacySseUpstream signedIn = new LegacySseUpstream(sse, new OAuthAuthorization("remote", secrets));
        try {
            signedIn.start(new Collecting());
            String text = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}";
            signedIn.send(Json.parse(text), text.getBytes(StandardCharsets.UTF_8));
            JsonNode answer = answers.poll(30, TimeUnit.SECONDS);
            assertThat(answer).as(String.join("\n", guarded.output)).isNotNull();
            assertThat(answer.path("result").path("tools").path(0).path("name").asString()).isEqualTo("whoami");
        } finally {
            signedIn.close();
        }
    }

    private StoredTokens stored() throws Exception {
        return StoredTokens.parse(secrets.get("oauth/remote/tokens").orElseThrow()).orElseThrow();
    }

    private void revoke(Token token) throws Exception {
        StoredClient client = StoredClient.parse(secrets.get("oauth/remote/client").orElseThrow()).orElseThrow();
        URI endpoint = AuthorizationServerMetadata.resolve(new Issuer(guarded.issuer())).getRevocationEndpointURI();
        assertThat(new TokenRevocationRequest(endpoint, new ClientID(client.clientId()), token).toHTTPRequest().send()
                .getStatusCode()).isEqualTo(200);
    }

    private JsonNode call(int id, String method) throws Exception {
        String params = method.equals("initialize") ? """
                {"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}"""
                : "{}";
        String text = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
        transport.send(Json.parse(text), text.getBytes(StandardCharsets.UTF_8));
        JsonNode answer = answers.poll(30, TimeUnit.SECONDS);
        assertThat(answer).as("answer to " + method + "; server said:\n" + String.join("\n", guarded.output)).isNotNull();
        return answer;
    }

    private final class Collecting implements UpstreamTransport.Listener {
        @Override
        public void onMessage(JsonNode message) {
            answers.add(message);
        }

        @Override
        public void onRawResponse(long id, RawMessage response) {
            answers.add(Json.object().put("raw", id));
        }

        @Override
        public void onUnusableAnswer(long id, Function<String, String> message) {
            answers.add(Json.object().put("unusable", id));
        }

        @Override
        public void onClosed(String reason) {
        }

        @Override
        public void onNeedsSignIn(NeedsSignInException e) {
            signInsAsked.add(e);
        }
    }
}
