package dev.mcpproxy.core.upstream.auth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import net.minidev.json.JSONObject;

/**
 * One server's tokens, kept in the secret store as {@code oauth/<server>/tokens}, with what a refresh needs (the
 * token endpoint and the resource), so that renewing never has to discover anything again.
 */
record StoredTokens(String accessToken, Optional<String> refreshToken, Optional<Instant> expiresAt,
        URI tokenEndpoint, URI resource) {

    static String secretName(String server) {
        return "oauth/" + server + "/tokens";
    }

    /** The tokens of a token response; a refresh answer without a new refresh token keeps the old one. */
    static StoredTokens of(Tokens tokens, long lifetimeSeconds, Optional<String> previousRefresh, Instant now,
            URI tokenEndpoint, URI resource) {
        Optional<String> refresh = Optional.ofNullable(tokens.getRefreshToken()).map(token -> token.getValue())
                .or(() -> previousRefresh);
        Optional<Instant> expiry = lifetimeSeconds > 0 ? Optional.of(now.plusSeconds(lifetimeSeconds)) : Optional.empty();
        return new StoredTokens(tokens.getAccessToken().getValue(), refresh, expiry, tokenEndpoint, resource);
    }

    String toJson() {
        JSONObject json = new JSONObject();
        json.put("access_token", accessToken);
        refreshToken.ifPresent(token -> json.put("refresh_token", token));
        expiresAt.ifPresent(at -> json.put("expires_at", at.getEpochSecond()));
        json.put("token_endpoint", tokenEndpoint.toString());
        json.put("resource", resource.toString());
        return json.toJSONString();
    }

    static Optional<StoredTokens> parse(String text) {
        try {
            JSONObject json = JSONObjectUtils.parse(text);
            long expires = JSONObjectUtils.getLong(json, "expires_at", -1);
            return Optional.of(new StoredTokens(JSONObjectUtils.getString(json, "access_token"),
                    Optional.ofNullable(JSONObjectUtils.getString(json, "refresh_token", null)),
                    expires < 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expires)),
                    JSONObjectUtils.getURI(json, "token_endpoint"), JSONObjectUtils.getURI(json, "resource")));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
