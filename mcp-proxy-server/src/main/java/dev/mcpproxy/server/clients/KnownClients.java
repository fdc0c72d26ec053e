package dev.mcpproxy.server.clients;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.json.JsonTextDocument.Dialect;
import dev.mcpproxy.core.json.JsonTextDocument;
import dev.mcpproxy.shared.OperatingSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The clients a user can connect, each with its file at the one place that client reads it on this operating
 * system, and its entry in that client's own format:
 * <ul>
 * <li>Claude Desktop starts stdio servers only, so its entry runs the {@code connect} bridge, with the endpoint's
 * token in the entry's {@code env} rather than its {@code args}, which other local users can read; its file is
 * {@code claude_desktop_config.json} in {@code ~/Library/Application Support/Claude} on macOS and
 * {@code %APPDATA%\Claude} on Windows (https://modelcontextprotocol.io/docs/develop/connect-local-servers), and in
 * {@code ~/.config/Claude} on Linux, where the community builds keep it (Electron's {@code appData}, which follows
 * {@code $XDG_CONFIG_HOME}).</li>
 * <li>Cursor takes the URL under {@code mcpServers.NAME.url}, in {@code ~/.cursor/mcp.json} on every system
 * (https://cursor.com/docs/mcp, "global configuration").</li>
 * <li>VS Code takes {@code servers.NAME} with {@code "type": "http"} in the user profile's {@code mcp.json}
 * (https://code.visualstudio.com/docs/copilot/reference/mcp-configuration), which sits in {@code Code/User} of the
 * system's configuration folder: {@code %APPDATA%}, {@code ~/Library/Application Support}, or
 * {@code $XDG_CONFIG_HOME} / {@code ~/.config} (https://code.visualstudio.com/docs/configure/settings, "settings
 * file locations"). The file is JSONC: comments and trailing commas are allowed.</li>
 * <li>A generic client gets the URLs and the bridge's command line to paste where it takes them.</li>
 * </ul>
 */
public final class KnownClients {

    private KnownClients() {
    }

    /** Every client, its paths from {@code environment} ({@code HOME}, {@code XDG_CONFIG_HOME}, {@code APPDATA}). */
    public static List<ClientApp> all(ProxyAddress address, OperatingSystem os, Map<String, String> environment) {
        Path home = home(os, environment);
        Path config = configFolder(os, environment, home);
        List<String> bridge = address.bridgeCommand();
        ObjectNode claude = Json.object().put("command", bridge.getFirst());
        bridge.subList(1, bridge.size()).forEach(claude.putArray("args")::add);
        if (!address.bridgeEnvironment().isEmpty()) {
            address.bridgeEnvironment().forEach(claude.putObject("env")::put);
        }
        ObjectNode cursor = withHeaders(Json.object().put("url", address.mcpUrl()), address);
        ObjectNode vsCode = withHeaders(Json.object().put("type", "http").put("url", address.mcpUrl()), address);
        return List.of(
                fileClient("claude-desktop", "Claude Desktop", config.resolve("Claude")
                        .resolve("claude_desktop_config.json"), Dialect.JSON, "mcpServers", claude),
                fileClient("cursor", "Cursor", home.resolve(".cursor").resolve("mcp.json"), Dialect.JSON,
                        "mcpServers", cursor),
                fileClient("vscode", "VS Code", config.resolve("Code").resolve("User").resolve("mcp.json"),
                        Dialect.JSONC, "servers", vsCode),
                new ClientApp("generic", "Another client", Optional.empty(), Dialect.JSON, List.of("mcpServers",
                        ClientApp.ENTRY_NAME), cursor, genericSnippet(address)));
    }

    private static ClientApp fileClient(String id, String name, Path file, Dialect dialect, String serversKey,
                                        JsonNode entry) {
        List<String> path = List.of(serversKey, ClientApp.ENTRY_NAME);
        String snippet;
        try {
            snippet = JsonTextDocument.parse("", dialect).withMember(path, entry);
        } catch (JsonTextDocument.JsonTextException e) {
            throw new IllegalStateException("an empty document takes any member", e);
        }
        return new ClientApp(id, name, Optional.of(file), dialect, path, entry, snippet);
    }

    private static ObjectNode withHeaders(ObjectNode entry, ProxyAddress address) {
        address.authorization().ifPresent(value -> entry.putObject("headers").put("Authorization", value));
        return entry;
    }

    private static String genericSnippet(ProxyAddress address) {
        StringBuilder text = new StringBuilder()
                .append("Streamable HTTP (MCP 2025-03-26 and later): ").append(address.mcpUrl()).append('\n')
                .append("HTTP+SSE (MCP 2024-11-05): ").append(address.sseUrl()).append('\n')
                .append("stdio, through the bridge: ").append(String.join(" ", Stream.concat(
                        address.bridgeEnvironment().entrySet().stream()
                                .map(variable -> variable.getKey() + "=" + shellWord(variable.getValue())),
                        address.bridgeCommand().stream().map(KnownClients::shellWord)).toList())).append('\n');
        address.authorization().ifPresent(value -> text.append("Header: Authorization: ").append(value).append('\n'));
        return text.toString();
    }

    /** A word as a POSIX shell reads it back: quoted when it holds anything but plain characters. */
    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    static Path home(OperatingSystem os, Map<String, String> environment) {
        String home = environment.get(os == OperatingSystem.WINDOWS ? "USERPROFILE" : "HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }

    /** Where the system keeps applications' settings: the folder Electron apps (Claude, VS Code) call appData. */
    static Path configFolder(OperatingSystem os, Map<String, String> environment, Path home) {
        return switch (os) {
            case MACOS -> home.resolve("Library").resolve("Application Support");
            case WINDOWS -> absolute(environment.get("APPDATA"))
                    .orElse(home.resolve("AppData").resolve("Roaming"));
            case LINUX -> absolute(environment.get("XDG_CONFIG_HOME")).orElse(home.resolve(".config"));
        };
    }

    /** A folder named by the environment; the XDG rule: one that is not absolute is ignored. */
    private static Optional<Path> absolute(String folder) {
        return folder == null || folder.isBlank() || !Path.of(folder).isAbsolute() ? Optional.empty()
                : Optional.of(Path.of(folder));
    }
}
