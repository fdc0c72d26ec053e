package dev.mcpproxy.desktop.login;

import dev.mcpproxy.shared.OperatingSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Whether the system starts the app when the user logs in, as each desktop keeps it: an XDG autostart entry on Linux,
 * a LaunchAgent on macOS, a value under the Run key on Windows. Each holds {@link #launch()}, the command that starts
 * this app the way it was started.
 */
public interface StartAtLogin {

    /** The command the system runs at login: an absolute launcher first, then its arguments. */
    List<String> launch();

    /** Where the setting lives, for messages: a file, or a registry value. */
    String where();

    /** Whether the system will start the app at the next login, as the setting now stands (it may be edited by hand). */
    boolean enabled() throws IOException;

    void enable() throws IOException;

    void disable() throws IOException;

    /** Turns it on or off; on only when the launcher is there to be run. */
    default void set(boolean on) throws IOException {
        if (!on) {
            disable();
            return;
        }
        Path launcher = Path.of(launch().getFirst());
        if (!launcher.isAbsolute() || !Files.isExecutable(launcher)) {
            throw new IOException("MCP Proxy cannot be started at login: its launcher " + launcher
                    + " is not an executable file");
        }
        enable();
    }

    /** This user's, on this machine, for the command {@code launch}. */
    static StartAtLogin forThisUser(List<String> launch) {
        return of(OperatingSystem.current(), System.getenv(), Path.of(System.getProperty("user.home")), launch);
    }

    static StartAtLogin of(OperatingSystem os, Map<String, String> environment, Path home, List<String> launch) {
        return switch (os) {
            case LINUX -> new XdgAutostartEntry(XdgAutostartEntry.file(environment, home), launch);
            case MACOS -> new LaunchAgentPlist(LaunchAgentPlist.file(home), launch);
            case WINDOWS -> new WindowsRunKey(WindowsRunKey.reg(environment), launch);
        };
    }
}
