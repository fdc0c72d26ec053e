package dev.mcpproxy.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpproxy.server.SidecarProcess;
import dev.mcpproxy.server.clients.KnownClients;
import dev.mcpproxy.server.clients.ProxyAddress;
import dev.mcpproxy.server.sidecar.Main;
import dev.mcpproxy.shared.OperatingSystem;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code mcp-proxy-server connect URL} started by a stdio-only client: the official Java SDK's stdio transport. */
class ConnectBridgeTest {

    @TempDir
    Path dir;

    @Test
    void aStdioClientListsAndCallsToolsThroughTheBridge() throws Exception {
        try (SidecarProcess sidecar = SidecarProcess.start(dir, SidecarProcess.everythingAndMemoryYaml())) {
            sidecar.awaitRunning(2);
            String java = ProcessHandle.current().info().command().orElseThrow();
            ServerParameters bridge = ServerParameters.builder(java)
                    .args("-cp", System.getProperty("java.class.path"), Main.class.getName(), "connect",
                            sidecar.baseUrl + "/mcp")
                    .build();
            try (McpSyncClient client = McpClient.sync(new StdioClientTransport(bridge, McpJsonDefaults.getMapper()))
                    .requestTimeout(Duration.ofSeconds(20)).build()) {
                McpSchema.InitializeResult initialized = client.initialize();
                assertThat(initialized.serverInfo().name()).isEqualTo("mcp-proxy");
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                        .contains("everything__echo", "memory__read_graph");
                McpSchema.CallToolResult echo = client.callTool(
                        new McpSchema.CallToolRequest("everything__echo", Map.of("message", "over the bridge")));
                assertThat(((McpSchema.TextContent) echo.content().getFirst()).text()).contains("over the bridge");
            }
        }
    }

    /** The entry the proxy writes into Claude Desktop's file, run as Claude Desktop runs it: command, args, env. */
    @Test
    void theClaudeDesktopEntryReachesAGuardedEndpointWithTheTokenOffItsCommandLine() throws Exception {
        String token = "bridge-" + Long.toHexString(new SecureRandom().nextLong());
        try (SidecarProcess sidecar = SidecarProcess.start(dir, "auth_token: " + token + "\nservers:\n"
                + SidecarProcess.demoEntry("demo"))) {
            sidecar.awaitRunning(1);
            String java = ProcessHandle.current().info().command().orElseThrow();
            ProxyAddress address = ProxyAddress.of("127.0.0.1", URI.create(sidecar.baseUrl).getPort(),
                    Optional.of(token), List.of(java, "-cp", System.getProperty("java.class.path"),
                            Main.class.getName()));
            JsonNode entry = KnownClients.all(address, OperatingSystem.current(), System.getenv()).stream()
                    .filter(app -> app.id().equals("claude-desktop")).findFirst().orElseThrow().entry();
            List<String> args = new ArrayList<>();
            entry.get("args").forEach(arg -> args.add(arg.asString()));
            Map<String, String> env = new HashMap<>();
            entry.get("env").properties().forEach(variable -> env.put(variable.getKey(), variable.getValue().asString()));
            assertThat(args).noneMatch(arg -> arg.contains(token));

            ServerParameters withEnv = ServerParameters.builder(entry.get("command").asString()).args(args).env(env)
                    .build();
            try (McpSyncClient client = McpClient.sync(new StdioClientTransport(withEnv, McpJsonDefaults.getMapper()))
                    .requestTimeout(Duration.ofSeconds(20)).build()) {
                client.initialize();
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("demo__echo");
                // What `ps` shows every local user: the bridge's command line, read where ps reads it.
                List<String> bridgeCommandLine = ProcessHandle.current().children()
                        .map(process -> commandLine(process.pid()))
                        .filter(words -> words.contains(sidecar.baseUrl + "/mcp")).findFirst().orElseThrow();
                assertThat(bridgeCommandLine).contains("connect").noneMatch(word -> word.contains(token));
            }

            ServerParameters withoutEnv = ServerParameters.builder(entry.get("command").asString()).args(args).build();
            try (McpSyncClient client = McpClient.sync(new StdioClientTransport(withoutEnv,
                    McpJsonDefaults.getMapper())).requestTimeout(Duration.ofSeconds(20)).build()) {
                assertThatThrownBy(client::initialize).hasStackTraceContaining("HTTP 401");
            }
        }
    }

    @Test
    void aProxyThatIsNotThereGivesEachRequestAnErrorNotAHang() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process bridge = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "connect", "http://127.0.0.1:9/mcp").start();
        bridge.getOutputStream().write("""
                {"jsonrpc":"2.0","id":7,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}
                """.getBytes(StandardCharsets.UTF_8));
        bridge.getOutputStream().close();
        String out = new String(bridge.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bridge.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("\"id\":7").contains("\"error\"").contains("Could not reach the proxy");
        assertThat(bridge.exitValue()).isZero();
    }

    private static List<String> commandLine(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
