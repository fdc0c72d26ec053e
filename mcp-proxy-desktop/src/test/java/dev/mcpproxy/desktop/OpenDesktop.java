package dev.mcpproxy.desktop;

import dev.mcpproxy.desktop.backend.BackendManager;
import dev.mcpproxy.desktop.backend.BackendMonitor;
import dev.mcpproxy.desktop.backend.BackendStatus;
import dev.mcpproxy.desktop.backend.RestartBackoff;
import dev.mcpproxy.desktop.config.AppFolders;
import dev.mcpproxy.desktop.config.ConfigManager;
import dev.mcpproxy.desktop.login.StartAtLogin;
import dev.mcpproxy.desktop.login.XdgAutostartEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.web.WebEngine;
import javafx.stage.Stage;

/** The app opened in this JVM on the virtual display, with folders of the test's own; shut down on close. */
public final class OpenDesktop implements AutoCloseable {

    public final Desktop desktop;
    public final AppFolders folders;
    /** The addresses the app gave the system's browser, in order. */
    public final List<String> opened;
    private final Stage stage;

    private OpenDesktop(Desktop desktop, AppFolders folders, List<String> opened, Stage stage) {
        this.desktop = desktop;
        this.folders = folders;
        this.opened = opened;
        this.stage = stage;
    }

    /** Opens the app on {@code yaml} as its configuration file; its autostart entry, if enabled, goes in {@code dir}. */
    public static OpenDesktop open(Path dir, String yaml) throws IOException {
        return open(new AppFolders(dir.resolve("config"), dir.resolve("state")), yaml, new XdgAutostartEntry(
                dir.resolve("autostart").resolve("mcp-proxy.desktop"), DesktopApp.launcher(TestSidecars.ROOT, new LaunchOptions(Optional.empty()))));
    }

    public static OpenDesktop open(AppFolders folders, String yaml, StartAtLogin startAtLogin) throws IOException {
        FxThread.start();
        Files.createDirectories(folders.config());
        TestSidecars.writeConfig(folders.config(), yaml);
        List<String> opened = new CopyOnWriteArrayList<>();
        Desktop.Settings settings = new Desktop.Settings(folders, new ConfigManager(folders.config()),
                TestSidecars.command(),
                BackendManager.Settings.DEFAULTS, RestartBackoff.DEFAULTS, BackendMonitor.HealthSettings.DEFAULTS,
                Duration.ofSeconds(10), startAtLogin, opened::add);
        return FxThread.call(() -> {
            Stage stage = new Stage();
            try {
                return new OpenDesktop(Desktop.open(stage, settings).orElseThrow(), folders, opened, stage);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    public WebEngine engine() {
        return desktop.window().engine();
    }

    public Object script(String javascript) {
        return FxThread.call(() -> engine().executeScript(javascript));
    }

    /** Waits until the window shows the sidecar's page with its servers listed, every one running. */
    public void awaitServersShown(Duration within, String... names) throws InterruptedException {
        FxThread.await("the servers list showing " + String.join(", ", names), within, () -> {
            BackendStatus status = desktop.manager().status();
            String location = engine().getLocation();
            if (!status.running() || location == null
                    || !location.startsWith("http://127.0.0.1:" + status.apiPort() + "/")
                    || !"page".equals(desktop.window().showing())) {
                return false;
            }
            Object text = engine().executeScript("document.querySelector('main') ? "
                    + "document.querySelector('main').innerText : ''");
            String shown = String.valueOf(text);
            for (String name : names) {
                if (!shown.contains(name)) {
                    return false;
                }
            }
            return shown.toLowerCase(java.util.Locale.ROOT).contains("running");
        }, this::whatIsShown);
    }

    /** The sidecar's status, which of the window's views is shown, the page's address and the start of its text. */
    private String whatIsShown() {
        Object text = "page".equals(desktop.window().showing()) ? engine().executeScript(
                "document.querySelector('main') ? document.querySelector('main').innerText : '(no main)'") : "";
        String shown = String.valueOf(text).replaceAll("\\s+", " ");
        return desktop.manager().status() + ", the window showing " + desktop.window().showing() + " at "
                + engine().getLocation() + (shown.isEmpty() ? "" : ": " + shown.substring(0, Math.min(300,
                shown.length())));
    }

    @Override
    public void close() {
        desktop.shutDown();
        FxThread.run(stage::close);
    }
}
