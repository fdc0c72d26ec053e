package dev.mcpproxy.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientConfigImportTest {

    private static final Path SOURCE = Path.of("claude_desktop_config.json");

    private static ProxyConfig load(ClientConfigImport.Result result, Map<String, String> env) throws ConfigException {
        return ConfigLoader.parse(result.yaml(), Path.of("imported.yaml"), env::get).config();
    }

    @Test
    void claudeDesktopServersBecomeStdioServersWithTheirArgumentsAndEnvironment() throws Exception {
        ClientConfigImport.Result result = ClientConfigImport.convert("""
                {"mcpServers": {
                  "filesystem": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp/a b"]},
                  "github": {"command": "docker", "args": ["run", "-i", "ghcr.io/github/github-mcp-server"],
                             "env": {"GITHUB_TOKEN": "ghp_\\"quoted\\""}, "disabled": true}
                }}""", SOURCE);
        assertThat(result.servers()).isEqualTo(2);
        assertThat(result.warnings()).isEmpty();
        ProxyConfig config = load(result, Map.of());
        ServerConfig files = config.servers().get(0);
        assertThat(files.name()).isEqualTo("filesystem");
        assertThat(files.command()).containsExactly("npx", "-y", "@modelcontextprotocol/server-filesystem", "/tmp/a b");
        assertThat(files.enabled()).isTrue();
        ServerConfig github = config.servers().get(1);
        assertThat(github.env()).containsEntry("GITHUB_TOKEN", "ghp_\"quoted\"");
        assertThat(github.enabled()).isFalse();
    }

    @Test
    void vsCodeServersKeepTheirTransportHeadersAndInputsBecomeEnvironmentVariables() throws Exception {
        ClientConfigImport.Result result = ClientConfigImport.convert("""
                {"inputs": [{"id": "api-key", "type": "promptString", "password": true}],
                 "servers": {
                   "remote": {"type": "http", "url": "https://example.com/mcp",
                              "headers": {"Authorization": "Bearer ${input:api-key}"}},
                   "legacy": {"type": "sse", "url": "http://127.0.0.1:9000/sse"},
                   "local": {"type": "stdio", "command": "uvx", "args": ["server", "${workspaceFolder}"],
                             "env": {"HOME_DIR": "${env:HOME}"}}
                 }}""", Path.of(".vscode/mcp.json"));
        ProxyConfig config = load(result, Map.of("API_KEY", "k", "HOME", "/home/me"));
        assertThat(config.servers()).extracting(ServerConfig::transport)
                .containsExactly(Transport.STREAMABLE_HTTP, Transport.SSE, Transport.STDIO);
        assertThat(config.servers().get(0).headers()).containsEntry("Authorization", "Bearer k");
        assertThat(config.servers().get(2).command()).containsExactly("uvx", "server", "${workspaceFolder}");
        assertThat(config.servers().get(2).env()).containsEntry("HOME_DIR", "/home/me");
        assertThat(result.warnings()).anyMatch(w -> w.contains("API_KEY")).anyMatch(w -> w.contains("workspaceFolder"));
    }

    @Test
    void namesThisProxyCannotUseAreRenamedUniquely() throws Exception {
        ClientConfigImport.Result result = ClientConfigImport.convert("""
                {"mcpServers": {"my server": {"command": "a"}, "my/server": {"command": "b"}}}""", SOURCE);
        assertThat(load(result, Map.of()).servers()).extracting(ServerConfig::name)
                .containsExactly("my-server", "my-server-2");
        assertThat(result.warnings()).hasSize(2);
    }

    @Test
    void aFileWithoutServersOrNotJsonIsRefusedWithOneMessage() {
        assertThatThrownBy(() -> ClientConfigImport.convert("{\"theme\": \"dark\"}", SOURCE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mcpServers");
        assertThatThrownBy(() -> ClientConfigImport.convert("{\"mcpServers\": ", SOURCE))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("claude_desktop_config.json: is not valid JSON");
    }
}
