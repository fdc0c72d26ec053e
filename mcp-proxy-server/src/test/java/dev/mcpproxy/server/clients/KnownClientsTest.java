package dev.mcpproxy.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.shared.OperatingSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each client's file where that client reads it on each system, and its entry in its own format. */
class KnownClientsTest {

    private static final ProxyAddress ADDRESS = ProxyAddress.of("127.0.0.1", 3000, Optional.empty(),
            List.of("/opt/mcp-proxy/mcp-proxy"));

    private static Map<String, Path> files(OperatingSystem os, Map<String, String> environment) {
        return KnownClients.all(ADDRESS, os, environment).stream().filter(app -> app.file().isPresent())
                .collect(java.util.stream.Collectors.toMap(ClientApp::id, app -> app.file().get()));
    }

    @Test
    void linuxFollowsXdgConfigHomeAndFallsBackToDotConfig() {
        assertThat(files(OperatingSystem.LINUX, Map.of("HOME", "/home/me"))).isEqualTo(Map.of(
                "claude-desktop", Path.of("/home/me/.config/Claude/claude_desktop_config.json"),
                "cursor", Path.of("/home/me/.cursor/mcp.json"),
                "vscode", Path.of("/home/me/.config/Code/User/mcp.json")));
        assertThat(files(OperatingSystem.LINUX, Map.of("HOME", "/home/me", "XDG_CONFIG_HOME", "/xdg")))
                .containsEntry("claude-desktop", Path.of("/xdg/Claude/claude_desktop_config.json"))
                .containsEntry("vscode", Path.of("/xdg/Code/User/mcp.json"))
                .containsEntry("cursor", Path.of("/home/me/.cursor/mcp.json"));
        assertThat(files(OperatingSystem.LINUX, Map.of("HOME", "/home/me", "XDG_CONFIG_HOME", "relative")))
                .as("a relative XDG folder is ignored, as the specification says")
                .containsEntry("vscode", Path.of("/home/me/.config/Code/User/mcp.json"));
    }

    @Test
    void macOsKeepsThemInApplicationSupport() {
        assertThat(files(OperatingSystem.MACOS, Map.of("HOME", "/Users/me", "XDG_CONFIG_HOME", "/xdg"))).isEqualTo(Map.of(
                "claude-desktop", Path.of("/Users/me/Library/Application Support/Claude/claude_desktop_config.json"),
                "cursor", Path.of("/Users/me/.cursor/mcp.json"),
                "vscode", Path.of("/Users/me/Library/Application Support/Code/User/mcp.json")));
    }

    @Test
    void windowsKeepsThemInAppDataAndTheUserProfile() {
        // Absolute on the Unix this test runs on; on Windows APPDATA reads C:\Users\me\AppData\Roaming.
        Map<String, String> environment = Map.of("USERPROFILE", "/Users/me", "APPDATA", "/Users/me/AppData/Roaming",
                "HOME", "/elsewhere");
        assertThat(files(OperatingSystem.WINDOWS, environment)).isEqualTo(Map.of(
                "claude-desktop", Path.of("/Users/me/AppData/Roaming/Claude/claude_desktop_config.json"),
                "cursor", Path.of("/Users/me/.cursor/mcp.json"),
                "vscode", Path.of("/Users/me/AppData/Roaming/Code/User/mcp.json")));
    }

    @Test
    void eachEntryIsInItsClientsFormat() throws Exception {
        ProxyAddress withToken = ProxyAddress.of("0.0.0.0", 4000, Optional.of("s3cret"),
                List.of("/usr/bin/java", "-jar", "/opt/my proxy/mcp-proxy-server.jar"));
        Map<String, ClientApp> apps = KnownClients.all(withToken, OperatingSystem.LINUX, Map.of("HOME", "/h"))
                .stream().collect(java.util.stream.Collectors.toMap(ClientApp::id, app -> app));
        assertThat(apps.get("claude-desktop").entry()).isEqualTo(Json.parse("""
                {"command": "/usr/bin/java", "args": ["-jar", "/opt/my proxy/mcp-proxy-server.jar", "connect",
                 "http://127.0.0.1:4000/mcp"], "env": {"MCP_PROXY_AUTH_TOKEN": "s3cret"}}"""));
        assertThat(apps.get("cursor").entry()).isEqualTo(Json.parse("""
                {"url": "http://127.0.0.1:4000/mcp", "headers": {"Authorization": "Bearer s3cret"}}"""));
        JsonNode vsCode = Json.parse(apps.get("vscode").snippet());
        assertThat(vsCode).isEqualTo(Json.parse("""
                {"servers": {"mcp-proxy": {"type": "http", "url": "http://127.0.0.1:4000/mcp",
                 "headers": {"Authorization": "Bearer s3cret"}}}}"""));
        assertThat(apps.get("generic").snippet()).contains("http://127.0.0.1:4000/mcp", "http://127.0.0.1:4000/sse",
                "MCP_PROXY_AUTH_TOKEN=s3cret /usr/bin/java -jar '/opt/my proxy/mcp-proxy-server.jar' connect "
                        + "http://127.0.0.1:4000/mcp");
    }

    @Test
    void anEntryPointsAtTheProxyByItsUrlOrItsBridge() throws Exception {
        ClientApp claude = KnownClients.all(ADDRESS, OperatingSystem.LINUX, Map.of("HOME", "/h")).getFirst();
        String url = ADDRESS.mcpUrl();
        assertThat(claude.connectedIn(Json.parse("{\"mcpServers\": {\"p\": {\"command\": \"x\", \"args\": "
                + "[\"connect\", \"" + url + "\"]}}}"), url)).isTrue();
        assertThat(claude.connectedIn(Json.parse("{\"mcpServers\": {\"p\": {\"url\": \"" + url + "\"}}}"), url))
                .isTrue();
        assertThat(claude.connectedIn(Json.parse("{\"mcpServers\": {\"p\": {\"url\": \"http://127.0.0.1:3999/mcp\"}}}"),
                url)).isFalse();
        assertThat(claude.connectedIn(Json.parse("{\"mcpServers\": [\"" + url + "\"]}"), url)).isFalse();
    }
}
