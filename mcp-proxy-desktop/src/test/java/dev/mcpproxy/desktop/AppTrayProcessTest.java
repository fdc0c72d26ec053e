package dev.mcpproxy.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app as its own process, with a tray and without: what the user's clicks on the icon and the window do. */
class AppTrayProcessTest {

    /** The icon's blue while the proxy runs (the UI's accent). */
    private static final Color RUNNING = new Color(0x2f5bd3);

    @TempDir
    Path dir;

    @Test
    void quitFromTheTrayMenuStopsEverythingAndLeavesNoProcess() throws Exception {
        try (TrayHost host = TrayHost.start();
             AppProcess app = AppProcess.start(dir, TestSidecars.demoConfig("demo"))) {
            List<ProcessHandle> tree = AppProcess.sidecarTree(app.awaitSidecar(Duration.ofSeconds(60)), 1);
            Rectangle icon = awaitIcon(app);

            BufferedImage before = Screen.awaitStill(Screen.around(icon));
            Screen.rightClick((int) icon.getCenterX(), (int) icon.getCenterY());
            Rectangle menu = Screen.awaitOpened(before, icon, "app-tray-menu.png");
            // Quit is the menu's last row; clicked towards its right, which the screen's edge holds in place.
            Instant asked = Instant.now();
            Screen.leftClick(menu.x + menu.width - 30, menu.y + menu.height - 10);

            assertThat(app.process.waitFor(DesktopApp.QUIT_BOUND.toSeconds() + 5, TimeUnit.SECONDS))
                    .as(() -> "Quit clicked in the menu at " + menu + " (target/screenshots/app-tray-menu.png); the "
                            + "app said:\n" + app).isTrue();
            System.out.println("desktop: Quit from the tray to the app's exit: "
                    + Duration.between(asked, Instant.now()).toMillis() + " ms");
            assertThat(app.process.exitValue()).isZero();
            assertThat(tree).as("the sidecar, its demo server and its guard").allMatch(AppProcess::ended);
        }
    }

    private static Rectangle awaitIcon(AppProcess app) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            BufferedImage screen = Screen.save("app-tray.png");
            Optional<Rectangle> icon = Screen.find(screen, RUNNING,
                    new Rectangle(screen.getWidth() - 200, 0, 200, TrayHost.ICON_SIZE));
            if (icon.isPresent() && icon.get().width > TrayHost.ICON_SIZE / 2) {
                return icon.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No running icon in the tray (target/screenshots/app-tray.png):\n" + app);
    }
}
