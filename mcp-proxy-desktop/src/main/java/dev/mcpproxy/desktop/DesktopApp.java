package dev.mcpproxy.desktop;

import dev.mcpproxy.desktop.backend.BackendManager;
import dev.mcpproxy.desktop.backend.BackendMonitor;
import dev.mcpproxy.desktop.backend.RestartBackoff;
import dev.mcpproxy.desktop.backend.SidecarCommand;
import dev.mcpproxy.desktop.config.AppFolders;
import dev.mcpproxy.desktop.config.ConfigManager;
import dev.mcpproxy.desktop.login.StartAtLogin;
import dev.mcpproxy.shared.OperatingSystem;
import dev.mcpproxy.shared.SystemBrowser;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: the user's folders, the sidecar of the image or build this app runs from, and the window. */
public final class DesktopApp extends Application {

    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");
    /** Ten seconds: the sidecar's grace (5 s) and the servers' own stop, with room to spare. */
    static final Duration QUIT_BOUND = Duration.ofSeconds(10);

    private static volatile boolean failedToStart;

    @Override
    public void start(Stage stage) {
        try {
            LaunchOptions options = LaunchOptions.parse(getParameters().getRaw());
            AppFolders folders = AppFolders.forThisUser();
            Desktop.Settings settings = new Desktop.Settings(folders,
                    options.config().map(ConfigManager::named).orElseGet(() -> new ConfigManager(folders.config())),
                    SidecarCommand.forThisMachine(sidecar()),
                    BackendManager.Settings.DEFAULTS, RestartBackoff.DEFAULTS, BackendMonitor.HealthSettings.DEFAULTS,
                    QUIT_BOUND, StartAtLogin.forThisUser(launcher(options)), DesktopApp::openInBrowser);
            Optional<Desktop> desktop = Desktop.open(stage, settings);
            if (desktop.isEmpty()) {
                Platform.exit();
            }
        } catch (IOException | LaunchOptions.Invalid e) {
            failedToStart = true;
            LOG.log(Level.ERROR, "MCP Proxy could not start: {0}", e.getMessage());
            System.err.println("mcp-proxy desktop: " + e.getMessage());
            Platform.exit();
        }
    }

    private static void openInBrowser(String url) {
        SystemBrowser.open(url, OperatingSystem.current(), List.of(), why -> LOG.log(Level.WARNING,
                "Could not open an address in the browser: {0}", why));
    }

    /** Whether the app could not start (its configuration, its sidecar): the process then exits with status 1. */
    static boolean failedToStart() {
        return failedToStart;
    }

    /** How this app is started again, at login: the image's launcher, or the build's, by its absolute path. */
    private static List<String> launcher(LaunchOptions options) throws IOException {
        String appLauncher = System.getProperty("jpackage.app-path");
        if (appLauncher == null) {
            return launcher(buildRoot(), options);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(appLauncher).toAbsolutePath().toString()));
        command.addAll(options.asArguments());
        return command;
    }

    /** How this app is started from the build: the project's launcher by its absolute path. */
    static List<String> launcher(Path root, LaunchOptions options) {
        List<String> command = new ArrayList<>(List.of(root.resolve("mcp-proxy").toString(), "desktop"));
        command.addAll(options.asArguments());
        return command;
    }

    /** The image's own sidecar launcher when jpackage's launcher started this app, else the build's sidecar. */
    static SidecarCommand.Sidecar sidecar() throws IOException {
        String appLauncher = System.getProperty("jpackage.app-path");
        return appLauncher != null ? SidecarCommand.fromAppImage(OperatingSystem.current(), Path.of(appLauncher))
                : SidecarCommand.fromBuild(buildRoot());
    }

    /** The project's folder: this module's classes or jar are in {@code mcp-proxy-desktop/target/}. */
    static Path buildRoot() throws IOException {
        try {
            Path location = Path.of(DesktopApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toAbsolutePath().getParent().getParent().getParent();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("Cannot tell where the app was started from", e);
        }
    }
}
