package dev.mcpproxy.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.desktop.FxThread;
import dev.mcpproxy.desktop.OpenDesktop;
import dev.mcpproxy.desktop.ProcessWaits;
import dev.mcpproxy.desktop.TestSidecars;
import dev.mcpproxy.desktop.VirtualDisplay;
import dev.mcpproxy.desktop.config.AppFolders;
import dev.mcpproxy.shared.OperatingSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start at login on Linux for real: the entry the setting writes, its Exec line run as a session runs it (split by the
 * specification's rules, in the home folder, with the session's XDG folders), starts the app from the build's
 * launcher, which finds the app already running and brings its window to the front; turned off, the entry is gone.
 * After package (failsafe), since the launcher runs the module's jar.
 */
class StartAtLoginIT {

    private static final Path CLASS_CACHE = TestSidecars.ROOT.resolve("mcp-proxy-desktop/target/mcp-proxy-desktop.aot");

    @TempDir
    Path home;

    @Test
    void theAutostartEntrysExecLineStartsTheAppWhichFocusesTheRunningOne() throws Exception {
        Map<String, String> session = Map.of("XDG_CONFIG_HOME", home.resolve(".config").toString(),
                "XDG_STATE_HOME", home.resolve(".local/state").toString());
        AppFolders folders = AppFolders.of(OperatingSystem.LINUX, session, home);
        StartAtLogin startAtLogin = StartAtLogin.of(OperatingSystem.LINUX, session, home,
                List.of(TestSidecars.ROOT.resolve("mcp-proxy").toString(), "desktop"));
        Path entry = home.resolve(".config/autostart/mcp-proxy.desktop");
        boolean cacheWasThere = Files.exists(CLASS_CACHE);
        try (OpenDesktop app = OpenDesktop.open(folders, TestSidecars.demoConfig("demo"), startAtLogin)) {
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
            app.desktop.startAtLogin().set(true);
            assertThat(entry).isRegularFile();
            Stage stage = app.desktop.window().stage();
            FxThread.run(stage::hide);

            String exec = Files.readAllLines(entry).stream().filter(line -> line.startsWith("Exec=")).findFirst()
                    .orElseThrow().substring("Exec=".length());
            Path output = home.resolve("login-launch.log");
            ProcessBuilder login = new ProcessBuilder(DesktopEntryExec.argv(exec)).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            login.environment().putAll(session);
            login.environment().put("DISPLAY", VirtualDisplay.ensure());
            Process launched = login.start();
            boolean exited = ProcessWaits.exitedWithin(launched, Duration.ofMinutes(2));
            String said = Files.readString(output, StandardCharsets.UTF_8);

            assertThat(exited).as(said).isTrue();
            assertThat(launched.exitValue()).as(said).isZero();
            assertThat(said).contains("MCP Proxy is already running; its window was brought to the front");
            FxThread.await("the running app's window shown", Duration.ofSeconds(5), stage::isShowing);

            app.desktop.startAtLogin().set(false);
            assertThat(entry).doesNotExist();
            assertThat(app.desktop.startAtLogin().enabled()).isFalse();
        } finally {
            // The launcher makes the window's class cache on its first run after a build; one made from this short
            // run (a launch that only focuses) would serve the user's next launch poorly, so it goes.
            if (!cacheWasThere) {
                Files.deleteIfExists(CLASS_CACHE);
            }
        }
    }
}
