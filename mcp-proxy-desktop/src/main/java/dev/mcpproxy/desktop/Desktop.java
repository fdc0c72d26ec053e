package dev.mcpproxy.desktop;

import dev.mcpproxy.core.config.ConfigException;
import dev.mcpproxy.core.config.ProxyConfig;
import dev.mcpproxy.desktop.backend.BackendEvents;
import dev.mcpproxy.desktop.backend.BackendException;
import dev.mcpproxy.desktop.backend.BackendManager;
import dev.mcpproxy.desktop.backend.BackendMonitor;
import dev.mcpproxy.desktop.backend.BackendStatus;
import dev.mcpproxy.desktop.backend.FreePorts;
import dev.mcpproxy.desktop.backend.RestartBackoff;
import dev.mcpproxy.desktop.backend.SidecarClient;
import dev.mcpproxy.desktop.backend.SidecarCommand;
import dev.mcpproxy.desktop.bridge.DesktopCommands;
import dev.mcpproxy.desktop.bridge.PageBridge;
import dev.mcpproxy.desktop.config.AppFolders;
import dev.mcpproxy.desktop.config.ConfigManager;
import dev.mcpproxy.desktop.instance.FocusRequests;
import dev.mcpproxy.desktop.instance.InstanceLock;
import dev.mcpproxy.desktop.instance.LockRecord;
import dev.mcpproxy.desktop.instance.StraySidecar;
import dev.mcpproxy.desktop.login.StartAtLogin;
import dev.mcpproxy.desktop.login.StartAtLoginSetting;
import dev.mcpproxy.desktop.tray.DesktopTray;
import dev.mcpproxy.desktop.window.MainWindow;
import dev.mcpproxy.desktop.window.WindowPlacement;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.concurrent.Worker;
import javafx.stage.Stage;

/**
 * The app put together: one owner (the lock), its configuration, the sidecar with its monitor, and the window with
 * the page's bridge. It opens the window at once in a "starting" state and shows the live UI as soon as the sidecar
 * is ready; quitting stops the servers, then the sidecar, within a bound. Where the desktop has a tray, its icon
 * stays there and closing the window only hides it.
 */
public final class Desktop {

    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");

    /**
     * @param folders      where the app keeps its state (the lock, the window's place)
     * @param config       the configuration file: the config folder's, or one the user named
     * @param quitBound    the longest a quit may take before the app exits regardless
     * @param startAtLogin how the system starts this app at login
     */
    public record Settings(AppFolders folders, ConfigManager config, SidecarCommand command,
                           BackendManager.Settings backend, RestartBackoff backoff, BackendMonitor.HealthSettings health, Duration quitBound,
                           StartAtLogin startAtLogin, DesktopCommands.Browser browser) {
    }

    private final InstanceLock lock;
    private final FocusRequests focus;
    private final ConfigManager config;
    private final BackendManager manager;
    private final BackendMonitor monitor;
    private final MainWindow window;
    private final WindowPlacement placement;
    private final PageBridge bridge;
    private final StartAtLoginSetting startAtLogin;
    private final AtomicReference<DesktopTray> tray = new AtomicReference<>();
    private final Duration quitBound;
    private final AtomicReference<String> shownOrigin = new AtomicReference<>();
    private final AtomicReference<String> notice = new AtomicReference<>();
    private final AtomicBoolean quitting = new AtomicBoolean();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private final Thread shutdownHook = Thread.ofPlatform().name("shutdown").unstarted(this::shutDown);

    private Desktop(Stage stage, Settings settings, InstanceLock lock, String token) throws IOException {
        this.lock = lock;
        this.quitBound = settings.quitBound();
        StraySidecar.stopIfLeft(lock.previous(), settings.backend().stopGrace());
        config = settings.config();
        ConfigManager.Loaded loaded = config.loadOrCreate();
        loaded.keptAside().ifPresent(aside -> notice.set("Your configuration file was not valid, so MCP Proxy "
                + "started with the defaults; the file is kept as " + aside + ": " + String.join("; ",
                loaded.problems())));
        manager = new BackendManager(settings.command(), config.path(), token, this::configuredPorts,
                settings.backend());
        focus = FocusRequests.listen(token, () -> Platform.runLater(this::showWindow));
        monitor = new BackendMonitor(manager, new WindowEvents(), settings.backoff(), settings.health());
        record();
        // The sidecar starts before the window is built, so that the two overlap. What the start reports reaches the
        // window and the page through Platform.runLater, on this (the FX) thread, after this constructor. From here
        // on a signal or a logout stops what was started, even while the window is still being built.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        startInBackground();
        window = new MainWindow(stage, this::retry);
        placement = WindowPlacement.remember(stage, settings.folders().state());
        startAtLogin = new StartAtLoginSetting(settings.startAtLogin());
        DesktopCommands commands = new DesktopCommands(manager, new DesktopCommands.Lifecycle() {
            @Override
            public void startInBackground() {
                retry();
            }

            @Override
            public void stop() {
                stopBackend();
            }
        }, config, startAtLogin, settings.browser());
        bridge = new PageBridge(window.engine(), commands, shownOrigin::get);
        window.engine().getLoadWorker().stateProperty().addListener((property, before, state) -> {
            if (state == Worker.State.SUCCEEDED && bridge.onSidecarPage()) {
                Optional.ofNullable(notice.getAndSet(null)).ifPresent(bridge::error);
            }
        });
        startAtLogin.onChange(enabled -> Platform.runLater(() -> bridge.settings(startAtLogin.toJson())));
        stage.setOnCloseRequest(event -> {
            event.consume();
            if (tray.get() != null) {
                stage.hide();
            } else {
                quit();
            }
        });
    }

    /**
     * Opens the app in {@code stage}, or, when another app holds the lock, brings that one's window to the front and
     * returns empty. Called on the FX thread.
     */
    public static Optional<Desktop> open(Stage stage, Settings settings) throws IOException {
        Optional<InstanceLock> lock = InstanceLock.acquire(settings.folders().state());
        if (lock.isEmpty()) {
            boolean focused = InstanceLock.read(settings.folders().state()).map(FocusRequests::ask).orElse(false);
            LOG.log(Level.INFO, "MCP Proxy is already running{0}", focused ? "; its window was brought to the front"
                    : "");
            return Optional.empty();
        }
        Desktop desktop = new Desktop(stage, settings, lock.get(), newToken());
        stage.show();
        desktop.monitor.start();
        desktop.installTray();
        return Optional.of(desktop);
    }

    public MainWindow window() {
        return window;
    }

    public BackendManager manager() {
        return manager;
    }

    public BackendMonitor monitor() {
        return monitor;
    }

    public ConfigManager config() {
        return config;
    }

    public StartAtLoginSetting startAtLogin() {
        return startAtLogin;
    }

    /** The tray's icon, once it is in the tray; empty where the desktop has none. */
    public Optional<DesktopTray> tray() {
        return Optional.ofNullable(tray.get());
    }

    /**
     * Stops the servers and the sidecar, then exits, within the bound: past it the app exits regardless (the
     * sidecar then ends on its own, its stdin closed). Shows how many servers it is stopping meanwhile.
     */
    public void quit() {
        if (!quitting.compareAndSet(false, true)) {
            return;
        }
        placement.save();
        int servers = manager.client().map(SidecarClient::runningServers).orElse(0);
        String words = servers == 0 ? "Stopping MCP Proxy…"
                : "Stopping " + servers + (servers == 1 ? " server…" : " servers…");
        window.showProgress(words);
        LOG.log(Level.INFO, "Quitting; the window shows \"{0}\"", words);
        Thread.ofPlatform().name("quit-deadline").daemon().start(() -> {
            try {
                Thread.sleep(quitBound);
            } catch (InterruptedException e) {
                return;
            }
            LOG.log(Level.WARNING, "Quitting took longer than {0} s; exiting now", quitBound.toSeconds());
            Runtime.getRuntime().halt(1);
        });
        Thread.ofPlatform().name("quit").start(() -> {
            shutDown();
            Platform.exit();
            System.exit(0);
        });
    }

    /** What a quit and the JVM's shutdown (a signal, a logout) both do: everything stopped, the lock let go. */
    public void shutDown() {
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        tray().ifPresent(DesktopTray::close);
        monitor.close();
        manager.close();
        try {
            focus.close();
            lock.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not release the instance lock: {0}", e.getMessage());
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down already: the hook finds everything done.
            }
        }
    }

    private void retry() {
        Platform.runLater(() -> window.showProgress("Starting MCP Proxy…"));
        if (monitor.gaveUp()) {
            monitor.retry();
        } else {
            startInBackground();
        }
    }

    /**
     * Puts the icon in the tray, in the background (AWT starts in ~0.2 s, which the window need not wait for); from
     * then on closing the window hides it, and JavaFX keeps running with no window shown.
     */
    private void installTray() {
        Thread.ofVirtual().name("tray").start(() -> DesktopTray.install(new TrayActions(), startAtLogin)
                .ifPresent(installed -> {
                    Platform.setImplicitExit(false);
                    tray.set(installed);
                    installed.status(manager.status());
                    if (shutDown.get()) {
                        installed.close();
                    }
                }));
    }

    private void showWindow() {
        Stage stage = window.stage();
        stage.setIconified(false);
        stage.show();
        stage.toFront();
    }

    private void stopBackend() {
        manager.stop();
        announce();
    }

    private void startInBackground() {
        Thread.ofVirtual().name("start-backend").start(() -> {
            try {
                manager.start();
                announce();
            } catch (BackendException e) {
                Platform.runLater(() -> window.showFailure(e.getMessage(), manager.lastLines(20)));
            }
        });
    }

    /** Tells the window and the page of the sidecar's status; a ready sidecar on a new origin is loaded. */
    private void announce() {
        BackendStatus status = manager.status();
        record();
        Platform.runLater(() -> {
            Optional<SidecarClient> client = manager.client();
            if (status.running() && client.isPresent() && (!client.get().origin().equals(shownOrigin.get())
                    || !"page".equals(window.showing()))) {
                shownOrigin.set(client.get().origin());
                window.showPage(client.get().signInAddress());
            }
            bridge.status(status);
            tray().ifPresent(icon -> icon.status(status));
        });
    }

    private void record() {
        BackendStatus status = manager.status();
        try {
            lock.write(new LockRecord(ProcessHandle.current().pid(), status.pid() == null ? 0 : status.pid(),
                    status.port(), status.apiPort(), manager.token(), focus.port()));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not write the instance lock: {0}", e.getMessage());
        }
    }

    /** The file's ports, read at each start; the seed's when the file cannot be read (the sidecar then says why). */
    private FreePorts.Ports configuredPorts() {
        try {
            ProxyConfig configured = config.validate(Files.readString(config.path())).config();
            return new FreePorts.Ports(configured.proxyPort(), configured.apiPort());
        } catch (IOException | ConfigException e) {
            return new FreePorts.Ports(3000, 3001);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The monitor's events, carried to the window and the page on the FX thread. */
    private final class WindowEvents implements BackendEvents {
        @Override
        public void error(String message) {
            Platform.runLater(() -> bridge.error(message));
        }

        @Override
        public void status(BackendStatus status) {
            if (status.running()) {
                announce();
            } else {
                record();
                Platform.runLater(() -> bridge.status(status));
                tray().ifPresent(icon -> icon.status(status));
            }
        }

        @Override
        public void gaveUp(String message, List<String> lastLines) {
            Platform.runLater(() -> window.showFailure(message, lastLines));
        }
    }

    /** The tray menu's actions: window work on the FX thread, the sidecar's on the tray's own. */
    private final class TrayActions implements DesktopTray.Actions {
        @Override
        public void open() {
            Platform.runLater(Desktop.this::showWindow);
        }

        @Override
        public void startBackend() {
            retry();
        }

        @Override
        public void stopBackend() {
            Desktop.this.stopBackend();
        }

        @Override
        public void quit() {
            Platform.runLater(Desktop.this::quit);
        }
    }
}
