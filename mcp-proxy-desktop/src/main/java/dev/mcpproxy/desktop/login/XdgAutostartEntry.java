package dev.mcpproxy.desktop.login;

import dev.mcpproxy.desktop.config.AtomicText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Linux: a desktop entry in the user's autostart folder ({@code $XDG_CONFIG_HOME/autostart}, else {@code
 * ~/.config/autostart}), which the session starts at login (the XDG Autostart specification). The entry is this app's
 * own file: turned off, it is removed; one a desktop's settings turned off ({@code Hidden=true}, {@code
 * X-GNOME-Autostart-enabled=false}) counts as off.
 */
public record XdgAutostartEntry(Path file, List<String> launch) implements StartAtLogin {

    static final String FILE_NAME = "mcp-proxy.desktop";
    /** The Exec line's reserved characters (Desktop Entry specification, "The Exec key"): an argument with one is quoted. */
    private static final String RESERVED = " \t\n\"'\\><~|&;$*?#()`";

    public XdgAutostartEntry {
        launch = List.copyOf(launch);
    }

    /** Where the entry goes: an XDG variable counts only when it holds an absolute path. */
    static Path file(Map<String, String> environment, Path home) {
        String value = environment.get("XDG_CONFIG_HOME");
        Path config = value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value)
                : home.resolve(".config");
        return config.resolve("autostart").resolve(FILE_NAME);
    }

    @Override
    public String where() {
        return file.toString();
    }

    @Override
    public boolean enabled() throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        boolean inMainGroup = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[")) {
                inMainGroup = trimmed.equals("[Desktop Entry]");
            } else if (inMainGroup && (trimmed.replace(" ", "").equalsIgnoreCase("Hidden=true")
                    || trimmed.replace(" ", "").equalsIgnoreCase("X-GNOME-Autostart-enabled=false"))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void enable() throws IOException {
        AtomicText.write(file, entry());
    }

    @Override
    public void disable() throws IOException {
        Files.deleteIfExists(file);
    }

    /** The entry's text: the specification's required keys, and the Exec line that starts the app. */
    String entry() {
        return """
                [Desktop Entry]
                Type=Application
                Version=1.0
                Name=MCP Proxy
                Comment=Runs your MCP servers and gives every AI client one endpoint
                Exec=%s
                Terminal=false
                X-GNOME-Autostart-enabled=true
                """.formatted(execLine(launch));
    }

    /**
     * The Exec value for {@code argv}, as the specification has it: an argument with a reserved character is put in
     * double quotes, inside which {@code "}, {@code `}, {@code $} and {@code \} take a backslash; {@code %} is doubled
     * (it starts a field code); then the value is escaped as any string value is ({@code \} → {@code \\}), which is
     * why a backslash in a quoted argument ends up as four.
     */
    static String execLine(List<String> argv) {
        String line = argv.stream().map(XdgAutostartEntry::quoted).collect(Collectors.joining(" "));
        return line.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }

    private static String quoted(String argument) {
        String percentDoubled = argument.replace("%", "%%");
        if (!percentDoubled.isEmpty() && percentDoubled.chars().noneMatch(c -> RESERVED.indexOf(c) >= 0)) {
            return percentDoubled;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : percentDoubled.toCharArray()) {
            if ("\"`$\\".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
