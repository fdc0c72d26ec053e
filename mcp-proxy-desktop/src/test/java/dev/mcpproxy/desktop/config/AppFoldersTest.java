package dev.mcpproxy.desktop.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.shared.OperatingSystem;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each platform's folders, worked out the same on any platform. */
class AppFoldersTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxFollowsTheXdgVariables() {
        AppFolders folders = AppFolders.of(OperatingSystem.LINUX,
                Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_STATE_HOME", "/st"), HOME);
        assertThat(folders).isEqualTo(new AppFolders(Path.of("/cfg/mcp-proxy"), Path.of("/st/mcp-proxy")));
    }

    @Test
    void linuxFallsBackToTheXdgDefaultsForUnsetOrRelativeVariables() {
        AppFolders folders = AppFolders.of(OperatingSystem.LINUX, Map.of("XDG_CONFIG_HOME", "relative"), HOME);
        assertThat(folders).isEqualTo(new AppFolders(Path.of("/home/ada/.config/mcp-proxy"),
                Path.of("/home/ada/.local/state/mcp-proxy")));
    }

    @Test
    void macosKeepsEverythingInApplicationSupport() {
        AppFolders folders = AppFolders.of(OperatingSystem.MACOS, Map.of("XDG_CONFIG_HOME", "/cfg"), HOME);
        Path support = Path.of("/home/ada/Library/Application Support/mcp-proxy");
        assertThat(folders).isEqualTo(new AppFolders(support, support));
    }

    @Test
    void windowsUsesAppDataAndLocalAppData() {
        AppFolders folders = AppFolders.of(OperatingSystem.WINDOWS,
                Map.of("APPDATA", "/users/ada/roaming", "LOCALAPPDATA", "/users/ada/local"), HOME);
        assertThat(folders).isEqualTo(new AppFolders(Path.of("/users/ada/roaming/mcp-proxy"),
                Path.of("/users/ada/local/mcp-proxy")));
    }
}
