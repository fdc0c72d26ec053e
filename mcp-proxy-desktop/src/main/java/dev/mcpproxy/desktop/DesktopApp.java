package dev.mcpproxy.desktop;

import dev.mcpproxy.desktop.backend.BackendManager;
import dev.mcpproxy.desktop.backend.BackendMonitor;
import dev.mcpproxy.desktop.backend.RestartBackoff;
import dev.mcpproxy.desktop.backend.SidecarCommand;
import dev.mcpproxy.desktop.config.AppFolders;
import dev.mcpproxy.shared.OperatingSystem;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: the user's folders, the sidecar of the image or build this app runs from, and the window. */
public final class DesktopApp extends Application {

    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");
    /** Ten seconds: the sidecar's grace (5 s) and the servers' own stop, with room to spare. */
    static final Duration QUIT_BOUND = Duration.ofSeconds(10);

    @Override
    public void start(Stage stage) {
        try {
            Desktop.Settings settings = new Desktop.Settings(AppFolders.forThisUser(),
                    SidecarCommand.forThisMachine(sidecar()),
                    BackendManager.Settings.DEFAULTS, RestartBackoff.DEFAULTS, BackendMonitor.HealthSettings.DEFAULTS,
                    QUIT_BOUND);
            Optional<Desktop> desktop = Desktop.open(stage, settings);
            if (desktop.isEmpty()) {
                Platform.exit();
                return;
            }
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(
                    desktop.get()::shutDown));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "MCP Proxy could not start: {0}", e.getMessage());
            System.err.println("mcp-proxy desktop: " + e.getMessage());
            Platform.exit();
        }
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
