package dev.mcpproxy.desktop.tray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.desktop.FxThread;
import dev.mcpproxy.desktop.OpenDesktop;
import dev.mcpproxy.desktop.Screen;
import dev.mcpproxy.desktop.TestSidecars;
import dev.mcpproxy.desktop.TrayHost;
import dev.mcpproxy.desktop.backend.BackendStatus;
import dev.mcpproxy.desktop.backend.SidecarClient;
import dev.mcpproxy.desktop.login.DesktopEntryExec;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.Rectangle;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tray icon on a real tray host (trayer) under Xvfb, with the app in this JVM: it shows, its menu follows the
 * sidecar and does what it says, closing the window leaves the proxy running in the tray, and the start-at-login
 * checkbox writes the autostart entry and shows what the file says.
 */
class DesktopTrayTest {

    @TempDir
    Path dir;

    @Test
    void theIconShowsInTheTrayAndItsMenuStopsAndStartsTheBackend() throws Exception {
        try (TrayHost host = TrayHost.start(); OpenDesktop app = OpenDesktop.open(dir, TestSidecars.demoConfig("demo"))) {
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
            DesktopTray tray = awaitTray(app);
            awaitLabels(tray, "Open", "Stop backend", "-", "Start at login", "-", "Quit");
            Rectangle icon = awaitIcon(TrayIconImage.RUNNING, "tray-running.png");
            assertThat(icon.width).isBetween(TrayHost.ICON_SIZE - 4, TrayHost.ICON_SIZE);

            BufferedImage before = Screen.awaitStill(Screen.around(icon));
            Screen.rightClick((int) icon.getCenterX(), (int) icon.getCenterY());
            Rectangle menu = Screen.awaitOpened(before, icon, "tray-menu.png");
            assertThat(menu.height).as("the menu's six rows").isGreaterThan(60);
            Screen.leftClick(10, 500);

            Long pid = app.desktop.manager().status().pid();
            click(tray, "Stop backend");
            await("the sidecar stopped", () -> !app.desktop.manager().status().running()
                    && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
            awaitLabels(tray, "Open", "Start backend", "-", "Start at login", "-", "Quit");
            FxThread.await("the page told", Duration.ofSeconds(5), () -> String.valueOf(app.engine().executeScript(
                    "document.querySelector('.desktop-controls').innerText")).contains("Backend stopped"));
            awaitIcon(TrayIconImage.STOPPED, "tray-stopped.png");

            click(tray, "Start backend");
            await("a new sidecar running", () -> app.desktop.manager().status().running());
            awaitLabels(tray, "Open", "Stop backend", "-", "Start at login", "-", "Quit");
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
        }
    }

    @Test
    void closingTheWindowKeepsTheProxyAnsweringAndOpenBringsTheWindowBack() throws Exception {
        try (TrayHost host = TrayHost.start(); OpenDesktop app = OpenDesktop.open(dir, TestSidecars.demoConfig("demo"))) {
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
            DesktopTray tray = awaitTray(app);
            Stage stage = app.desktop.window().stage();
            BackendStatus running = app.desktop.manager().status();

            FxThread.run(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
            FxThread.await("the window hidden", Duration.ofSeconds(5), () -> !stage.isShowing());
            Thread.sleep(1_000);

            assertThat(new SidecarClient(running.apiPort(), app.desktop.manager().token())
                    .healthy(Duration.ofSeconds(2))).as("the sidecar answers /health").isTrue();
            assertThat(app.desktop.manager().status().pid()).isEqualTo(running.pid());
            assertThat(FxThread.call(stage::isShowing)).isFalse();

            click(tray, "Open");
            FxThread.await("the window shown again", Duration.ofSeconds(5), stage::isShowing);
            app.awaitServersShown(Duration.ofSeconds(10), "demo");
        }
    }

    @Test
    void theStartAtLoginCheckboxWritesTheEntryAndShowsWhatTheFileSays() throws Exception {
        Path entry = dir.resolve("autostart").resolve("mcp-proxy.desktop");
        try (TrayHost host = TrayHost.start(); OpenDesktop app = OpenDesktop.open(dir, TestSidecars.demoConfig("demo"))) {
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
            DesktopTray tray = awaitTray(app);
            CheckboxMenuItem checkbox = (CheckboxMenuItem) item(tray, "Start at login");
            assertThat(onAwt(checkbox::getState)).isFalse();
            app.script("window.heardSettings = [];"
                    + "addEventListener('desktop-settings', e => heardSettings.push(e.detail.start_at_login));");

            EventQueue.invokeAndWait(() -> {
                checkbox.setState(true);
                checkbox.dispatchEvent(new ItemEvent(checkbox, ItemEvent.ITEM_STATE_CHANGED, checkbox.getLabel(),
                        ItemEvent.SELECTED));
            });
            await("the autostart entry written", () -> Files.exists(entry));
            String exec = Files.readAllLines(entry).stream().filter(line -> line.startsWith("Exec=")).findFirst()
                    .orElseThrow().substring("Exec=".length());
            assertThat(DesktopEntryExec.argv(exec)).containsExactly(TestSidecars.ROOT.resolve("mcp-proxy").toString(),
                    "desktop");
            assertThat(app.script("JSON.parse(window.mcpProxyDesktop.get_settings()).start_at_login"))
                    .isEqualTo(true);
            FxThread.await("the page told", Duration.ofSeconds(5), () -> (Boolean) app.engine()
                    .executeScript("heardSettings.length === 1 && heardSettings[0] === true"));

            Files.delete(entry);
            Rectangle icon = awaitIcon(TrayIconImage.RUNNING, "tray-login.png");
            Screen.rightClick((int) icon.getCenterX(), (int) icon.getCenterY());
            await("the checkbox following the file removed by hand", () -> !onAwt(checkbox::getState));
            Screen.leftClick(10, 500);

            assertThat(app.script("window.mcpProxyDesktop.set_start_at_login(true)")).asString()
                    .contains("\"start_at_login\":true");
            assertThat(entry).exists();
            await("the checkbox following the page", () -> onAwt(checkbox::getState));
            assertThat(app.script("JSON.parse(window.mcpProxyDesktop.set_start_at_login(false)).start_at_login"))
                    .isEqualTo(false);
            assertThat(entry).doesNotExist();
            await("the checkbox following the page", () -> !onAwt(checkbox::getState));
        }
    }

    private static DesktopTray awaitTray(OpenDesktop app) throws InterruptedException {
        await("the tray icon installed", () -> app.desktop.tray().isPresent());
        return app.desktop.tray().orElseThrow();
    }

    /** Where the icon shows in the tray (top right), in {@code color}; the screen saved as {@code name}. */
    private static Rectangle awaitIcon(java.awt.Color color, String name) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            BufferedImage screen = Screen.save(name);
            Rectangle trayArea = new Rectangle(screen.getWidth() - 200, 0, 200, TrayHost.ICON_SIZE);
            var icon = Screen.find(screen, color, trayArea);
            if (icon.isPresent() && icon.get().width > TrayHost.ICON_SIZE / 2) {
                return icon.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No icon in " + color + " in the tray: see " + Screen.SCREENSHOTS.resolve(
                        name));
            }
            Thread.sleep(100);
        }
    }

    private static void awaitLabels(DesktopTray tray, String... labels) throws Exception {
        await("the menu " + String.join(", ", labels), () -> labels(tray).equals(List.of(labels)));
    }

    private static List<String> labels(DesktopTray tray) {
        return onAwt(() -> {
            List<String> labels = new ArrayList<>();
            PopupMenu menu = tray.icon().getPopupMenu();
            for (int i = 0; i < menu.getItemCount(); i++) {
                labels.add(menu.getItem(i).getLabel());
            }
            return labels;
        });
    }

    private static MenuItem item(DesktopTray tray, String label) {
        return onAwt(() -> {
            PopupMenu menu = tray.icon().getPopupMenu();
            for (int i = 0; i < menu.getItemCount(); i++) {
                if (menu.getItem(i).getLabel().equals(label)) {
                    return menu.getItem(i);
                }
            }
            throw new AssertionError("No menu item " + label + " in " + labels(tray));
        });
    }

    /** What choosing the item does: the event its menu sends, on AWT's thread. */
    private static void click(DesktopTray tray, String label) throws Exception {
        MenuItem item = item(tray, label);
        EventQueue.invokeAndWait(() -> item.dispatchEvent(new ActionEvent(item, ActionEvent.ACTION_PERFORMED,
                item.getActionCommand())));
    }

    private static <T> T onAwt(Supplier<T> task) {
        AtomicReference<T> result = new AtomicReference<>();
        try {
            EventQueue.invokeAndWait(() -> result.set(task.get()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return result.get();
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within 15 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
