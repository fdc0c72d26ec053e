package dev.mcpproxy.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.config.ConfigLoader;
import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.server.sidecar.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcp-proxy-server import}, as a real process. */
class ImportCommandTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run mcpProxyServer(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err);
    }

    @Test
    void aClaudeDesktopFileBecomesAConfigurationTheProxyLoads() throws Exception {
        Files.writeString(dir.resolve("claude_desktop_config.json"), """
                {"mcpServers": {"memory": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"]},
                                "remote": {"url": "http://127.0.0.1:9/mcp"}}}""");
        Run run = mcpProxyServer("import", "claude_desktop_config.json", "-o", "proxy.yaml");
        assertThat(run.exitCode).as(run.stderr).isZero();
        assertThat(run.stderr).contains("Imported 2 servers into proxy.yaml");
        List<ServerConfig> servers = ConfigLoader.load(dir.resolve("proxy.yaml")).config().servers();
        assertThat(servers).extracting(ServerConfig::name).containsExactly("memory", "remote");
        assertThat(servers.getFirst().command()).containsExactly("npx", "-y", "@modelcontextprotocol/server-memory");
    }

    @Test
    void withoutAnOutputFileTheYamlGoesToStdout() throws Exception {
        Files.writeString(dir.resolve("mcp.json"), "{\"servers\": {\"x\": {\"type\": \"stdio\", \"command\": \"x\"}}}");
        Run run = mcpProxyServer("import", "mcp.json");
        assertThat(run.exitCode).isZero();
        assertThat(run.stdout).contains("name: \"x\"").contains("command: \"x\"");
    }

    @Test
    void anExistingOutputIsKeptUnlessForced() throws Exception {
        Files.writeString(dir.resolve("c.json"), "{\"mcpServers\": {\"a\": {\"command\": \"a\"}}}");
        Files.writeString(dir.resolve("proxy.yaml"), "servers: []\n");
        Run refused = mcpProxyServer("import", "c.json", "-o", "proxy.yaml");
        assertThat(refused.exitCode).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(refused.stderr).contains("exists; nothing was written").contains("--force");
        assertThat(Files.readString(dir.resolve("proxy.yaml"))).isEqualTo("servers: []\n");

        assertThat(mcpProxyServer("import", "c.json", "-o", "proxy.yaml", "--force").exitCode).isZero();
        assertThat(Files.readString(dir.resolve("proxy.yaml"))).contains("name: \"a\"");
    }

    @Test
    void aFileThatIsNotJsonIsOneMessageAndExitCode2() throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{\"mcpServers\": {");
        Run run = mcpProxyServer("import", "broken.json", "-o", "proxy.yaml");
        assertThat(run.exitCode).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(run.stderr.lines().toList()).singleElement().asString()
                .startsWith("broken.json: is not valid JSON");
        assertThat(dir.resolve("proxy.yaml")).doesNotExist();
    }
}
