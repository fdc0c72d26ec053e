package dev.mcpproxy.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.desktop.window.WindowPlacement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's size and place across launches of the app as its own process, on the tests' 1280×900 display: moved
 * and resized from outside, as a user does, closed, launched again.
 */
class WindowPlacementTest {

    @TempDir
    Path dir;

    @Test
    void theWindowOpensWhereItWasLeftAndCentredWhenThatIsUnknownOrOffEveryScreen() throws Exception {
        String config = TestSidecars.demoConfig();
        Path file = dir.resolve("state").resolve("mcp-proxy").resolve(WindowPlacement.FILE_NAME);
        X11Windows.Geometry moved = new X11Windows.Geometry(70, 50, 900, 640);
        X11Windows.Geometry centred;
        try (X11Windows x11 = X11Windows.open()) {
            try (AppProcess app = AppProcess.start(dir, config)) {
                long window = x11.awaitWindowOf(app.process.pid(), Duration.ofSeconds(60));
                centred = x11.geometry(window);
                x11.moveResize(window, moved);
                awaitFile(file, "\"x\":70.0", "\"width\":900.0");
                closeAndAwaitExit(x11, window, app);
            }
            assertThat(centred.width()).isEqualTo(1200);
            assertThat(centred.x()).isEqualTo((1280 - 1200) / 2);

            assertThat(launchAndMeasure(x11, config)).isEqualTo(moved);

            Files.write(file, new byte[] {(byte) 0xff, 0, '{', 'x'});
            assertThat(launchAndMeasure(x11, config)).as("after a garbled file").isEqualTo(centred);

            Files.writeString(file, "{\"x\": 3000, \"y\": 2000, \"width\": 900, \"height\": 640, \"maximized\": false}");
            AppProcess offScreen = AppProcess.start(dir, config);
            try (offScreen) {
                long window = x11.awaitWindowOf(offScreen.process.pid(), Duration.ofSeconds(60));
                assertThat(x11.geometry(window)).as("after a place off the screen").isEqualTo(centred);
                closeAndAwaitExit(x11, window, offScreen);
            }
            assertThat(offScreen.output()).contains("The window's last place (3,000, 2,000) is on no screen now");
        }
    }

    private X11Windows.Geometry launchAndMeasure(X11Windows x11, String config) throws Exception {
        try (AppProcess app = AppProcess.start(dir, config)) {
            long window = x11.awaitWindowOf(app.process.pid(), Duration.ofSeconds(60));
            X11Windows.Geometry shown = x11.geometry(window);
            closeAndAwaitExit(x11, window, app);
            return shown;
        }
    }

    private static void closeAndAwaitExit(X11Windows x11, long window, AppProcess app) throws Exception {
        x11.requestClose(window);
        assertThat(app.process.waitFor(30, TimeUnit.SECONDS)).as(app::toString).isTrue();
    }

    private static void awaitFile(Path file, String... parts) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(file)) {
                String text = Files.readString(file);
                if (Arrays.stream(parts).allMatch(text::contains)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(file + " does not hold " + String.join(", ", parts) + ": "
                + (Files.exists(file) ? Files.readString(file) : "no file"));
    }
}
