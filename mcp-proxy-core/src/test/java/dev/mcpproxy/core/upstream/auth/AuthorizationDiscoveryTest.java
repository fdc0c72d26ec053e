package dev.mcpproxy.core.upstream.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which resource a token may be asked for, and which addresses of a 401 are refused before anything is fetched. */
class AuthorizationDiscoveryTest {

    private static final URI SERVER = URI.create("https://mcp.example.com/team/mcp");

    @Test
    void aResourceCoversTheServerAtOrAboveItsPathOnTheSameOrigin() {
        assertThat(AuthorizationDiscovery.covers(URI.create("https://mcp.example.com/team/mcp"), SERVER)).isTrue();
        assertThat(AuthorizationDiscovery.covers(URI.create("https://mcp.example.com/team"), SERVER)).isTrue();
        assertThat(AuthorizationDiscovery.covers(URI.create("https://MCP.example.com:443/"), SERVER)).isTrue();
    }

    @Test
    void anotherOriginOrASiblingPathIsNotTheServer() {
        assertThat(AuthorizationDiscovery.covers(URI.create("https://evil.example.com/team/mcp"), SERVER)).isFalse();
        assertThat(AuthorizationDiscovery.covers(URI.create("http://mcp.example.com/team/mcp"), SERVER)).isFalse();
        assertThat(AuthorizationDiscovery.covers(URI.create("https://mcp.example.com:8443/team/mcp"), SERVER)).isFalse();
        assertThat(AuthorizationDiscovery.covers(URI.create("https://mcp.example.com/tea"), SERVER)).isFalse();
        assertThat(AuthorizationDiscovery.covers(URI.create("https://mcp.example.com/team/mcp/tools"), SERVER))
                .isFalse();
    }

    @Test
    void aMetadataAddressThatIsNoHttpUrlIsRefusedWithoutAFetch() {
        assertThatThrownBy(() -> AuthorizationDiscovery.discover(SERVER, "Bearer resource_metadata=\"file:///etc/passwd\""))
                .isInstanceOf(SignInException.class).hasMessageContaining("\"file:///etc/passwd\", which is not an http");
    }
}
