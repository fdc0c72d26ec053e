package dev.mcpproxy.desktop.tray;

import dev.mcpproxy.desktop.backend.BackendStatus;
import dev.mcpproxy.desktop.login.StartAtLoginSetting;
import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.ItemEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The app's icon in the desktop's tray (AWT's, as JavaFX has none), with its menu: Open, Start or Stop backend (as the
 * sidecar's status has it), Start at login, Quit. AWT objects are touched on AWT's event thread only; the actions run
 * on a thread of their own, so that one that waits (a stop) never holds the menu, and hand their window work to FX.
 */
public final class DesktopTray implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");

    /** What the menu does. */
    public interface Actions {
        /** Shows the window and brings it to the front. */
        void open();

        void startBackend();

        /** Stops the sidecar and its servers; may wait for them. */
        void stopBackend();

        void quit();
    }

    public static final String OPEN = "Open";
    public static final String START_BACKEND = "Start backend";
    public static final String STOP_BACKEND = "Stop backend";
    public static final String START_AT_LOGIN = "Start at login";
    public static final String QUIT = "Quit";

    private final SystemTray tray;
    private final TrayIcon icon;
    private final MenuItem backend = new MenuItem(START_BACKEND);
    private final CheckboxMenuItem startAtLogin = new CheckboxMenuItem(START_AT_LOGIN);
    private final StartAtLoginSetting login;
    private boolean running;

    private DesktopTray(SystemTray tray, Actions actions, StartAtLoginSetting login) {
        this.tray = tray;
        this.login = login;
        PopupMenu menu = new PopupMenu();
        MenuItem open = new MenuItem(OPEN);
        open.addActionListener(event -> inBackground(actions::open));
        backend.addActionListener(event -> {
            boolean stop = running;
            inBackground(stop ? actions::stopBackend : actions::startBackend);
        });
        startAtLogin.setState(login.enabled());
        startAtLogin.addItemListener(event -> setStartAtLogin(event.getStateChange() == ItemEvent.SELECTED));
        MenuItem quit = new MenuItem(QUIT);
        quit.addActionListener(event -> inBackground(actions::quit));
        menu.add(open);
        menu.add(backend);
        menu.addSeparator();
        menu.add(startAtLogin);
        menu.addSeparator();
        menu.add(quit);
        int size = Math.min(tray.getTrayIconSize().width, tray.getTrayIconSize().height);
        icon = new TrayIcon(TrayIconImage.draw(size, false), "MCP Proxy: starting", menu);
        icon.setImageAutoSize(true);
        // A double click (or a click, as some trays send it) opens the window.
        icon.addActionListener(event -> inBackground(actions::open));
        // The setting may have changed by hand since the menu was last shown: read again as it opens.
        icon.addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent event) {
                startAtLogin.setState(login.enabled());
            }
        });
        login.onChange(enabled -> EventQueue.invokeLater(() -> startAtLogin.setState(enabled)));
    }

    /**
     * Puts the icon in the tray when the desktop has one (an X11 desktop with a system tray host, macOS's menu bar,
     * Windows' notification area); empty when it has none. Waits for AWT's thread; not to be called on FX's.
     */
    public static Optional<DesktopTray> install(Actions actions, StartAtLoginSetting login) {
        if (!SystemTray.isSupported()) {
            LOG.log(Level.INFO, "The desktop has no system tray: closing the window quits MCP Proxy");
            return Optional.empty();
        }
        try {
            AtomicReference<DesktopTray> installed = new AtomicReference<>();
            EventQueue.invokeAndWait(() -> {
                DesktopTray desktopTray = new DesktopTray(SystemTray.getSystemTray(), actions, login);
                try {
                    desktopTray.tray.add(desktopTray.icon);
                    installed.set(desktopTray);
                } catch (AWTException e) {
                    LOG.log(Level.WARNING, "The system tray refused MCP Proxy''s icon: {0}", e.getMessage());
                }
            });
            return Optional.ofNullable(installed.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (InvocationTargetException e) {
            LOG.log(Level.WARNING, "Could not put MCP Proxy in the system tray: {0}", e.getCause().toString());
            return Optional.empty();
        }
    }

    /** Follows the sidecar: the menu offers to stop a running one and to start one that is not; the icon greys. */
    public void status(BackendStatus status) {
        EventQueue.invokeLater(() -> {
            running = status.running();
            backend.setLabel(running ? STOP_BACKEND : START_BACKEND);
            icon.setImage(TrayIconImage.draw(icon.getSize().width, running));
            icon.setToolTip(running ? "MCP Proxy: running on port " + status.port() : "MCP Proxy: stopped");
        });
    }

    /** The icon, for tests that look at its menu. */
    public TrayIcon icon() {
        return icon;
    }

    @Override
    public void close() {
        EventQueue.invokeLater(() -> tray.remove(icon));
    }

    private void setStartAtLogin(boolean on) {
        inBackground(() -> {
            try {
                login.set(on);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not change whether MCP Proxy starts at login: {0}", e.getMessage());
                EventQueue.invokeLater(() -> icon.displayMessage("MCP Proxy", e.getMessage(),
                        TrayIcon.MessageType.ERROR));
            }
        });
    }

    private static void inBackground(Runnable action) {
        Thread.ofVirtual().name("tray-action").start(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A tray action failed", e);
            }
        });
    }
}
