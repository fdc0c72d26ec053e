package dev.mcpproxy.desktop.login;

import dev.mcpproxy.desktop.config.AtomicText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * macOS: a LaunchAgent, {@code ~/Library/LaunchAgents/dev.mcpproxy.desktop.plist}, that launchd loads at login and,
 * with {@code RunAtLoad}, runs once then. The command is given as {@code ProgramArguments}, one string each, so no
 * shell quoting is involved.
 */
public record LaunchAgentPlist(Path file, List<String> launch) implements StartAtLogin {

    static final String LABEL = "dev.mcpproxy.desktop";

    public LaunchAgentPlist {
        launch = List.copyOf(launch);
    }

    static Path file(Path home) {
        return home.resolve("Library").resolve("LaunchAgents").resolve(LABEL + ".plist");
    }

    @Override
    public String where() {
        return file.toString();
    }

    @Override
    public boolean enabled() {
        return Files.isRegularFile(file);
    }

    @Override
    public void enable() throws IOException {
        AtomicText.write(file, plist());
    }

    @Override
    public void disable() throws IOException {
        Files.deleteIfExists(file);
    }

    /** The property list: the label, the command, run at load; an interactive (not throttled) process. */
    String plist() {
        StringBuilder arguments = new StringBuilder();
        for (String argument : launch) {
            arguments.append("        <string>").append(xml(argument)).append("</string>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                    <key>Label</key>
                    <string>%s</string>
                    <key>ProgramArguments</key>
                    <array>
                %s    </array>
                    <key>RunAtLoad</key>
                    <true/>
                    <key>ProcessType</key>
                    <string>Interactive</string>
                </dict>
                </plist>
                """.formatted(LABEL, arguments);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
