package dev.mcpproxy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.ApiClient;
import dev.mcpproxy.server.SidecarProcess;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * "Connect a client" against a real sidecar whose HOME and XDG_CONFIG_HOME are scratch folders: the entry is
 * written into a Claude Desktop and a VS Code file with their other entries and their layout kept, a backup is left,
 * undo puts the file back byte for byte, and a file that cannot be parsed is not touched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientRoutesTest {

    private Path home;
    private Path xdgConfig;
    private SidecarProcess sidecar;
    private ApiClient api;
    private String mcpUrl;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "clients-").toAbsolutePath();
        home = dir.resolve("home");
        xdgConfig = dir.resolve("xdg-config");
        Path config = dir.resolve("mcp-proxy-config.yaml");
        Files.writeString(config, "servers: []\n");
        sidecar = SidecarProcess.start(config, environment -> {
            environment.put("HOME", home.toString());
            environment.put("XDG_CONFIG_HOME", xdgConfig.toString());
        }, List.of());
        api = new ApiClient(sidecar.apiUrl);
        mcpUrl = sidecar.baseUrl + "/mcp";
    }

    @AfterAll
    void stop() throws Exception {
        sidecar.close();
    }

    /** Every test starts from the clients' folders, empty, as after a first start of each client. */
    @BeforeEach
    void emptyFolders() throws Exception {
        for (Path folder : List.of(home, xdgConfig)) {
            if (Files.exists(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
        Files.createDirectories(claudeFile().getParent());
        Files.createDirectories(vsCodeFile().getParent());
        Files.createDirectories(home.resolve(".cursor"));
    }

    private Path claudeFile() {
        return xdgConfig.resolve("Claude/claude_desktop_config.json");
    }

    private Path vsCodeFile() {
        return xdgConfig.resolve("Code/User/mcp.json");
    }

    private JsonNode client(String id) throws Exception {
        for (JsonNode client : api.get("/api/clients").json().path("clients")) {
            if (client.path("id").asString().equals(id)) {
                return client;
            }
        }
        throw new AssertionError("no client " + id);
    }

    private ApiClient.Answer connect(String id, boolean apply) throws Exception {
        return api.post("/api/clients/" + id + "/connect", "{\"apply\": " + apply + "}");
    }

    @Test
    void everyClientIsListedWithItsFileUnderTheSidecarsHomeAndItsSnippet() throws Exception {
        JsonNode clients = api.get("/api/clients").json().path("clients");
        assertThat(clients.valueStream().map(c -> c.path("id").asString()))
                .containsExactly("claude-desktop", "cursor", "vscode", "generic");
        assertThat(client("claude-desktop").path("path").asString()).isEqualTo(claudeFile().toString());
        assertThat(client("cursor").path("path").asString()).isEqualTo(home.resolve(".cursor/mcp.json").toString());
        assertThat(client("vscode").path("path").asString()).isEqualTo(vsCodeFile().toString());
        assertThat(client("generic").path("path").isNull()).isTrue();
        JsonNode vsCode = Json.parse(client("vscode").path("snippet").asString());
        assertThat(vsCode.at("/servers/mcp-proxy/type").asString()).isEqualTo("http");
        assertThat(vsCode.at("/servers/mcp-proxy/url").asString()).isEqualTo(mcpUrl);
        assertThat(Json.parse(client("cursor").path("snippet").asString()).at("/mcpServers/mcp-proxy/url")
                .asString()).isEqualTo(mcpUrl);
        JsonNode claude = Json.parse(client("claude-desktop").path("snippet").asString()).at("/mcpServers/mcp-proxy");
        assertThat(Path.of(claude.path("command").asString()).isAbsolute()).isTrue();
        assertThat(claude.path("args").valueStream().map(JsonNode::asString)).endsWith("connect", mcpUrl);
        assertThat(client("generic").path("snippet").asString()).contains(mcpUrl, sidecar.baseUrl + "/sse");
        assertThat(client("claude-desktop").path("exists").asBoolean()).isFalse();
        assertThat(client("claude-desktop").path("can_undo").asBoolean()).isFalse();
    }

    @Test
    void claudeDesktopGetsTheBridgeBesideItsOtherServersAndUndoPutsTheFileBackByteForByte() throws Exception {
        String original = """
                {
                    "mcpServers": {
                        "filesystem": {
                            "command": "npx",
                            "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/ünïcode 😀"]
                        }
                    },
                    "globalShortcut": "Ctrl+Space"
                }
                """;
        Files.writeString(claudeFile(), original);
        Files.setPosixFilePermissions(claudeFile(), PosixFilePermissions.fromString("rw-------"));

        ApiClient.Answer preview = connect("claude-desktop", false);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("applied").asBoolean()).isFalse();
        assertThat(preview.json().path("before").asString()).isEqualTo(original);
        assertThat(preview.json().path("diff").asString()).startsWith("--- " + claudeFile() + "\n+++ " + claudeFile())
                .contains("\n+        \"mcp-proxy\": {\n").doesNotContain("\n-    ");
        assertThat(Files.readString(claudeFile())).isEqualTo(original);
        assertThat(client("claude-desktop").path("can_undo").asBoolean()).isFalse();

        ApiClient.Answer applied = connect("claude-desktop", true);
        assertThat(applied.json().path("applied").asBoolean()).isTrue();
        String written = Files.readString(claudeFile());
        assertThat(written).isEqualTo(preview.json().path("after").asString())
                .startsWith(original.substring(0, original.indexOf("\"]\n") + 12) + ",\n        \"mcp-proxy\"")
                .endsWith("        }\n    },\n    \"globalShortcut\": \"Ctrl+Space\"\n}\n");
        Path backup = Path.of(applied.json().path("backup").asString());
        assertThat(backup).isEqualTo(claudeFile().resolveSibling("claude_desktop_config.json.mcp-proxy-backup"));
        assertThat(Files.readString(backup)).isEqualTo(original);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(claudeFile()))).isEqualTo("rw-------");
        JsonNode listed = client("claude-desktop");
        assertThat(listed.path("connected").asBoolean()).isTrue();
        assertThat(listed.path("can_undo").asBoolean()).isTrue();

        bridgeOfTheFileReachesTheProxy(Json.parse(written).at("/mcpServers/mcp-proxy"));

        ApiClient.Answer again = connect("claude-desktop", true);
        assertThat(again.json().path("changed").asBoolean()).isFalse();
        assertThat(again.json().path("diff").asString()).isEmpty();
        assertThat(Files.readString(backup)).as("a connect that changes nothing keeps the backup").isEqualTo(original);

        ApiClient.Answer undone = api.post("/api/clients/claude-desktop/undo", "");
        assertThat(undone.status()).as(undone.body()).isEqualTo(200);
        assertThat(undone.json().path("restored").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(claudeFile())).isEqualTo(original.getBytes(StandardCharsets.UTF_8));
        assertThat(backup).doesNotExist();
        assertThat(client("claude-desktop").path("can_undo").asBoolean()).isFalse();
        assertThat(api.post("/api/clients/claude-desktop/undo", "").status()).isEqualTo(409);
    }

    /** The entry as Claude Desktop runs it: its command and args, over stdio, with the official SDK's client. */
    private void bridgeOfTheFileReachesTheProxy(JsonNode entry) {
        List<String> args = new ArrayList<>();
        entry.path("args").forEach(arg -> args.add(arg.asString()));
        ServerParameters bridge = ServerParameters.builder(entry.path("command").asString())
                .args(args.toArray(String[]::new)).build();
        try (McpSyncClient client = McpClient.sync(new StdioClientTransport(bridge, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(20)).build()) {
            assertThat(client.initialize().serverInfo().name()).isEqualTo("mcp-proxy");
        }
    }

    @Test
    void vsCodeKeepsItsCommentsTrailingCommasTabsAndCrlfLines() throws Exception {
        String original = "// my servers\r\n{\r\n\t\"servers\": {\r\n\t\t\"memory\": {\r\n\t\t\t\"type\": \"stdio\", "
                + "/* local */\r\n\t\t\t\"command\": \"npx\",\r\n\t\t}, // last\r\n\t},\r\n\t\"inputs\": [],\r\n}\r\n";
        Files.writeString(vsCodeFile(), original);
        ApiClient.Answer applied = connect("vscode", true);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        String written = Files.readString(vsCodeFile());
        assertThat(written).isEqualTo("// my servers\r\n{\r\n\t\"servers\": {\r\n\t\t\"memory\": {\r\n"
                + "\t\t\t\"type\": \"stdio\", /* local */\r\n\t\t\t\"command\": \"npx\",\r\n\t\t}, // last\r\n"
                + "\t\t\"mcp-proxy\": {\r\n\t\t\t\"type\": \"http\",\r\n\t\t\t\"url\": \"" + mcpUrl + "\"\r\n\t\t},\r\n"
                + "\t},\r\n\t\"inputs\": [],\r\n}\r\n");
        assertThat(client("vscode").path("connected").asBoolean()).isTrue();
        assertThat(api.post("/api/clients/vscode/undo", "").status()).isEqualTo(200);
        assertThat(Files.readAllBytes(vsCodeFile())).isEqualTo(original.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileThatDidNotExistIsCreatedWithJustTheEntryAndUndoRemovesIt() throws Exception {
        Path cursor = home.resolve(".cursor/mcp.json");
        ApiClient.Answer applied = connect("cursor", true);
        assertThat(applied.json().path("existed").asBoolean()).isFalse();
        assertThat(applied.json().path("diff").asString()).startsWith("--- /dev/null\n+++ " + cursor);
        assertThat(Files.readString(cursor)).isEqualTo(client("cursor").path("snippet").asString());
        assertThat(client("cursor").path("can_undo").asBoolean()).isTrue();
        ApiClient.Answer undone = api.post("/api/clients/cursor/undo", "");
        assertThat(undone.json().path("removed").asBoolean()).isTrue();
        assertThat(cursor).doesNotExist();
        try (Stream<Path> left = Files.list(cursor.getParent())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFileThatIsALinkStaysALinkAndTheFileItPointsToIsEdited() throws Exception {
        Path dotfiles = Files.createDirectories(home.resolve("dotfiles"));
        Path real = Files.writeString(dotfiles.resolve("cursor.json"), "{\"mcpServers\": {}}\n");
        Path cursor = home.resolve(".cursor/mcp.json");
        Files.createSymbolicLink(cursor, real);
        assertThat(connect("cursor", true).status()).isEqualTo(200);
        assertThat(Files.isSymbolicLink(cursor)).isTrue();
        assertThat(Json.parse(Files.readString(real)).at("/mcpServers/mcp-proxy/url").asString()).isEqualTo(mcpUrl);
        assertThat(api.post("/api/clients/cursor/undo", "").status()).isEqualTo(200);
        assertThat(Files.isSymbolicLink(cursor)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("{\"mcpServers\": {}}\n");
    }

    @Test
    void aFileThatCannotBeParsedIsLeftUntouchedAndTheAnswerSaysWhere() throws Exception {
        String trailingComma = "{\n  \"mcpServers\": {\n    \"a\": {\"command\": \"x\"},\n  }\n}\n";
        Files.writeString(claudeFile(), trailingComma);
        ApiClient.Answer refused = connect("claude-desktop", true);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("error").asString()).startsWith("Claude Desktop's file " + claudeFile()
                + " is not valid JSON at line 4, column 3: ").endsWith("It was left as it is: fix it, then connect again.");
        assertThat(Files.readString(claudeFile())).isEqualTo(trailingComma);
        assertThat(claudeFile().resolveSibling("claude_desktop_config.json.mcp-proxy-backup")).doesNotExist();
        assertThat(client("claude-desktop").path("problem").asString()).contains("line 4, column 3");

        Files.writeString(vsCodeFile(), "{\"servers\": [\"not an object\"]}");
        ApiClient.Answer noPlace = connect("vscode", false);
        assertThat(noPlace.status()).isEqualTo(422);
        assertThat(noPlace.json().path("error").asString()).contains("line 1, column 13: \"servers\" is an array, "
                + "not an object");

        Files.write(vsCodeFile(), new byte[] {'{', (byte) 0xff, '}'});
        assertThat(connect("vscode", true).json().path("error").asString()).contains("is not UTF-8 text");
        assertThat(Files.readAllBytes(vsCodeFile())).containsExactly('{', (byte) 0xff, '}');
    }

    @Test
    void whatCannotBeConnectedIsRefusedInWords() throws Exception {
        Files.delete(home.resolve(".cursor"));
        ApiClient.Answer notInstalled = connect("cursor", true);
        assertThat(notInstalled.status()).isEqualTo(409);
        assertThat(notInstalled.json().path("error").asString()).contains(home.resolve(".cursor").toString(),
                "does not exist: is Cursor installed?");
        assertThat(connect("cursor", false).status()).as("a preview needs no folder").isEqualTo(200);
        assertThat(connect("generic", true).status()).isEqualTo(409);
        ApiClient.Answer unknown = connect("zed", true);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asString()).contains("claude-desktop, cursor, vscode, generic");
        assertThat(api.post("/api/clients/vscode/undo", "").json().path("error").asString())
                .startsWith("Nothing to undo for VS Code");
        assertThat(api.post("/api/clients/vscode/connect", "{\"apply\": \"yes\"}").status()).isEqualTo(400);
    }
}
