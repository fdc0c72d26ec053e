package dev.mcpproxy.core.upstream.auth;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import java.net.URI;
import java.util.Optional;

/**
 * Where to sign in for one MCP server, as its metadata says: the resource a token is asked for (RFC 8707), the
 * authorization server, and the scope the server asked for or offers.
 */
public record AuthorizationTarget(URI resource, AuthorizationServerMetadata server, Optional<Scope> scope) {
}
