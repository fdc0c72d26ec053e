package dev.mcpproxy.core.upstream.auth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.net.URI;
import java.util.Optional;
import net.minidev.json.JSONObject;

/**
 * The client the proxy signs in as at one authorization server, kept in the secret store as
 * {@code oauth/<server>/client}: registered dynamically or configured, for that issuer and redirect address.
 */
record StoredClient(String clientId, Optional<String> clientSecret, String issuer, URI redirectUri) {

    static String secretName(String server) {
        return "oauth/" + server + "/client";
    }

    /** How the client proves itself at the token endpoint: its secret when it has one, else only its id. */
    Optional<ClientAuthentication> authentication() {
        return clientSecret.map(secret -> new ClientSecretBasic(new ClientID(clientId), new Secret(secret)));
    }

    String toJson() {
        JSONObject json = new JSONObject();
        json.put("client_id", clientId);
        clientSecret.ifPresent(secret -> json.put("client_secret", secret));
        json.put("issuer", issuer);
        json.put("redirect_uri", redirectUri.toString());
        return json.toJSONString();
    }

    static Optional<StoredClient> parse(String text) {
        try {
            JSONObject json = JSONObjectUtils.parse(text);
            return Optional.of(new StoredClient(JSONObjectUtils.getString(json, "client_id"),
                    Optional.ofNullable(JSONObjectUtils.getString(json, "client_secret", null)),
                    JSONObjectUtils.getString(json, "issuer"), JSONObjectUtils.getURI(json, "redirect_uri")));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
