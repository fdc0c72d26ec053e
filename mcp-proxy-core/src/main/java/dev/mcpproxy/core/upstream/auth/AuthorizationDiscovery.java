package dev.mcpproxy.core.upstream.auth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.minidev.json.JSONObject;

/**
 * Finds where to sign in for an MCP server, as the MCP authorization specification (2025-11-25) tells a client: the
 * protected-resource metadata (RFC 9728) named by the 401's WWW-Authenticate, else at its well-known addresses; then
 * the authorization server's metadata (RFC 8414, then OpenID Connect discovery). Metadata that names another
 * resource or another issuer is refused: it could send the user's sign-in, and so a token, to someone else.
 */
public final class AuthorizationDiscovery {

    /*
     * Nimbus's BearerTokenError reads RFC 6750's parameters only; RFC 9728's resource_metadata and the scope are
     * read here. A quoted-string without escapes is what every server sends for a URL or a scope list.
     */
    private static final Pattern RESOURCE_METADATA = Pattern.compile("resource_metadata=\"([^\"]*)\"");
    private static final Pattern SCOPE = Pattern.compile("(?<![a-z_])scope=\"([^\"]*)\"");
    private static final int TIMEOUT_MILLIS = 10_000;

    private AuthorizationDiscovery() {
    }

    /**
     * @param server the MCP server's URL, as the proxy sends requests to it
     * @param wwwAuthenticate the 401's WWW-Authenticate header, empty when it had none
     */
    public static AuthorizationTarget discover(URI server, String wwwAuthenticate) throws SignInException {
        JSONObject resourceMetadata = resourceMetadata(server, wwwAuthenticate);
        URI resource = uri(resourceMetadata, "resource", server);
        if (!covers(resource, server)) {
            throw new SignInException("The protected-resource metadata of " + server + " names the resource "
                    + resource + ", which is not this server: refused, because it could send the sign-in elsewhere.");
        }
        List<String> servers = strings(resourceMetadata, "authorization_servers");
        if (servers.isEmpty()) {
            throw new SignInException("The protected-resource metadata of " + server
                    + " names no authorization server, so there is nowhere to sign in.");
        }
        AuthorizationServerMetadata metadata = authorizationServer(absolute(servers.getFirst(), server));
        Optional<Scope> scope = match(SCOPE, wwwAuthenticate).map(Scope::parse)
                .or(() -> strings(resourceMetadata, "scopes_supported").isEmpty() ? Optional.empty()
                        : Optional.of(new Scope(strings(resourceMetadata, "scopes_supported").toArray(String[]::new))));
        return new AuthorizationTarget(resource, metadata, scope);
    }

    private static JSONObject resourceMetadata(URI server, String wwwAuthenticate) throws SignInException {
        Optional<String> named = match(RESOURCE_METADATA, wwwAuthenticate);
        List<URI> candidates = new ArrayList<>();
        if (named.isPresent()) {
            candidates.add(absolute(named.get(), server));
        } else {
            String path = server.getRawPath() == null || server.getRawPath().equals("/") ? "" : server.getRawPath();
            if (!path.isEmpty()) {
                candidates.add(origin(server).resolve("/.well-known/oauth-protected-resource" + path));
            }
            candidates.add(origin(server).resolve("/.well-known/oauth-protected-resource"));
        }
        return firstDocument(candidates, "protected-resource metadata of " + server);
    }

    private static AuthorizationServerMetadata authorizationServer(URI issuer) throws SignInException {
        String path = issuer.getRawPath() == null || issuer.getRawPath().equals("/") ? "" : issuer.getRawPath();
        URI origin = origin(issuer);
        List<URI> candidates = path.isEmpty()
                ? List.of(origin.resolve("/.well-known/oauth-authorization-server"),
                        origin.resolve("/.well-known/openid-configuration"))
                : List.of(origin.resolve("/.well-known/oauth-authorization-server" + path),
                        origin.resolve("/.well-known/openid-configuration" + path),
                        origin.resolve(path + "/.well-known/openid-configuration"));
        JSONObject document = firstDocument(candidates, "metadata of the authorization server " + issuer);
        AuthorizationServerMetadata metadata;
        try {
            metadata = AuthorizationServerMetadata.parse(document);
        } catch (ParseException e) {
            throw new SignInException("The metadata of the authorization server " + issuer + " is not valid: "
                    + e.getMessage());
        }
        if (!metadata.getIssuer().getValue().equals(issuer.toString())) {
            throw new SignInException("The authorization server at " + issuer + " says its issuer is "
                    + metadata.getIssuer() + ": refused, because its metadata must name itself (RFC 8414).");
        }
        List<CodeChallengeMethod> methods = metadata.getCodeChallengeMethods();
        if (methods == null || !methods.contains(CodeChallengeMethod.S256)) {
            throw new SignInException("The authorization server " + issuer
                    + " does not say it supports PKCE with S256, which MCP requires; the proxy will not sign in there.");
        }
        if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null) {
            throw new SignInException("The metadata of the authorization server " + issuer
                    + " lacks an authorization or a token endpoint.");
        }
        return metadata;
    }

    private static JSONObject firstDocument(List<URI> candidates, String what) throws SignInException {
        List<String> tried = new ArrayList<>();
        for (URI candidate : candidates) {
            HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, candidate);
            request.setAccept("application/json");
            request.setConnectTimeout(TIMEOUT_MILLIS);
            request.setReadTimeout(TIMEOUT_MILLIS);
            // A redirect could lead to a document of another origin; a server's metadata lives where it says.
            request.setFollowRedirects(false);
            try {
                HTTPResponse response = request.send();
                if (response.getStatusCode() == 200) {
                    return response.getBodyAsJSONObject();
                }
                tried.add(candidate + " (HTTP " + response.getStatusCode() + ")");
            } catch (IOException e) {
                tried.add(candidate + " (" + e.getMessage() + ")");
            } catch (ParseException e) {
                throw new SignInException("The " + what + " at " + candidate + " is not a JSON object: "
                        + e.getMessage());
            }
        }
        throw new SignInException("Could not read the " + what + "; tried " + String.join(", ", tried) + ".");
    }

    /** Whether a token for {@code resource} is one for {@code server}: same origin, and a path at or above its. */
    static boolean covers(URI resource, URI server) {
        if (!origin(resource).equals(origin(server))) {
            return false;
        }
        String base = resource.getRawPath() == null ? "" : resource.getRawPath().replaceAll("/+$", "");
        String path = server.getRawPath() == null ? "" : server.getRawPath();
        return base.isEmpty() || path.equals(base) || path.startsWith(base + "/");
    }

    static URI origin(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://"
                + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port + "/");
    }

    private static Optional<String> match(Pattern pattern, String header) {
        Matcher matcher = pattern.matcher(header);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static URI uri(JSONObject document, String field, URI server) throws SignInException {
        try {
            return absolute(JSONObjectUtils.getString(document, field), server);
        } catch (ParseException e) {
            throw new SignInException("The protected-resource metadata of " + server + " has no valid " + field
                    + ": " + e.getMessage());
        }
    }

    /** An http(s) URL with a host, as every address of the 401 and the metadata must be. */
    private static URI absolute(String text, URI server) throws SignInException {
        try {
            URI uri = new URI(text);
            if (uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Reported below, with the server it came from.
        }
        throw new SignInException("Signing in to " + server + ": its metadata names \"" + text
                + "\", which is not an http or https address.");
    }

    private static List<String> strings(JSONObject document, String field) {
        try {
            List<String> values = JSONObjectUtils.getStringList(document, field, List.of());
            return values == null ? List.of() : values;
        } catch (ParseException e) {
            return List.of();
        }
    }
}
