package dev.mcpproxy.desktop.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.desktop.FxThread;
import dev.mcpproxy.desktop.OpenDesktop;
import dev.mcpproxy.desktop.TestSidecars;
import dev.mcpproxy.desktop.backend.BackendStatus;
import dev.mcpproxy.desktop.backend.FreePorts;
import java.awt.image.BufferedImage;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javafx.concurrent.Worker;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's window on the real sidecar, under Xvfb: what the user sees, and what the page gets. */
class DesktopWindowTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;

    @Test
    void launchShowsTheLiveServerListWithTheDemoServer() throws Exception {
        Instant launched = Instant.now();
        try (OpenDesktop app = OpenDesktop.open(dir, TestSidecars.demoConfig("demo"))) {
            assertThat(FxThread.call(() -> app.desktop.window().showing())).isIn("progress", "page");
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
            Duration took = Duration.between(launched, Instant.now());
            System.out.println("desktop: launch to the servers list showing demo running: " + took.toMillis() + " ms");

            Path screenshot = screenshot(app, "desktop-servers.png");
            assertThat(screenshot).isRegularFile();
            assertThat(Files.size(screenshot)).isGreaterThan(10_000);
        }
    }

    @Test
    void killedSidecarIsRestartedAndThePageGetsBackendErrorAndStatus() throws Exception {
        try (OpenDesktop app = OpenDesktop.open(dir, TestSidecars.demoConfig("demo"))) {
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
            app.script("window.heard = [];"
                    + "addEventListener('backend-error', e => heard.push({type: 'error', detail: e.detail}));"
                    + "addEventListener('backend-status', e => heard.push({type: 'status', detail: e.detail}));");
            BackendStatus first = app.desktop.manager().status();

            Instant killed = Instant.now();
            ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
            FxThread.await("a new sidecar", Duration.ofSeconds(5), () -> {
                BackendStatus now = app.desktop.manager().status();
                return now.running() && !Objects.equals(now.pid(), first.pid());
            });
            Duration took = Duration.between(killed, Instant.now());
            System.out.println("desktop: kill -9 of the sidecar to a new one ready: " + took.toMillis() + " ms");

            FxThread.await("the page hearing the error and the new status", Duration.ofSeconds(5), () -> (Boolean)
                    app.engine().executeScript("heard.some(e => e.type === 'error' && /exited unexpectedly/"
                            + ".test(e.detail)) && heard.some(e => e.type === 'status' && e.detail.running === true"
                            + " && e.detail.restarts === 1 && e.detail.pid === " + app.desktop.manager().status().pid()
                            + ")"));
            assertThat(app.script("heard.find(e => e.type === 'status').detail.api_port"))
                    .isEqualTo(first.apiPort());
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
        }
    }

    @Test
    void fiveCrashesWithinAMinuteShowWhyAndRetryByKeyboardBringsTheUiBack() throws Exception {
        try (OpenDesktop app = OpenDesktop.open(dir, TestSidecars.demoConfig("demo"))) {
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
            for (int crash = 1; crash <= 5; crash++) {
                BackendStatus before = status(app);
                ProcessHandle.of(before.pid()).orElseThrow().destroyForcibly();
                if (crash < 5) {
                    // One status read: between two, the old sidecar's exit can turn running into no pid at all.
                    FxThread.await("sidecar " + (crash + 1), Duration.ofSeconds(30), () -> {
                        BackendStatus now = status(app);
                        return now.running() && now.pid() != null && !now.pid().equals(before.pid());
                    });
                }
            }
            FxThread.await("the failure view", Duration.ofSeconds(10),
                    () -> "failure".equals(app.desktop.window().showing()));
            assertThat(status(app).running()).isFalse();
            Path screenshot = screenshot(app, "desktop-failure.png");
            assertThat(Files.size(screenshot)).isGreaterThan(10_000);
            Scene scene = FxThread.call(() -> app.desktop.window().stage().getScene());
            assertThat(FxThread.call(() -> scene.lookup("#failure").isVisible())).isTrue();
            assertThat(FxThread.call(() -> ((Labeled) scene.lookup("#failure-reason")).getText()))
                    .contains("exited unexpectedly (ended by signal 9, SIGKILL").contains("stopped 5 times within 60 s");
            assertThat(FxThread.call(() -> ((TextInputControl) scene.lookup("#last-lines")).getText()))
                    .contains(" is listening", "MCP endpoint:");
            assertThat(FxThread.call(() -> scene.getFocusOwner() instanceof Button button
                    && button.getText().equals("Retry"))).as("Retry has the focus").isTrue();

            pressOnTheKeyboard(app, KeyCode.ENTER);
            FxThread.await("Enter to press Retry: the failure view gone", Duration.ofSeconds(5),
                    () -> !"failure".equals(app.desktop.window().showing()));

            app.awaitServersShown(Duration.ofSeconds(30), "demo");
            assertThat(status(app).running()).isTrue();
            assertThat(app.desktop.monitor().gaveUp()).isFalse();
        }
    }

    @Test
    void anExampleTakenInTheWindowIsSavedThroughUpdateConfigIntoTheAppsConfigFile() throws Exception {
        try (OpenDesktop app = OpenDesktop.open(dir, TestSidecars.demoConfig())) {
            FxThread.await("the example list of the empty servers view", Duration.ofSeconds(30), () -> "page".equals(
                    app.desktop.window().showing()) && Boolean.TRUE.equals(app.engine().executeScript(
                    "!!document.querySelector('[data-example=\"demo\"] button') && !!window.mcpProxyDesktop")));
            app.script("document.querySelector('[data-example=\"demo\"] button').click()");
            FxThread.await("the demo example in the editor", Duration.ofSeconds(10), () -> Boolean.TRUE.equals(
                    app.engine().executeScript("location.pathname === '/config' && /^# The quick start/"
                            + ".test(document.getElementById('config-yaml')?.value ?? '')")));
            Path file = app.desktop.config().path();
            assertThat(Files.readString(file)).doesNotContain("quick start");

            app.script("[...document.querySelectorAll('button')].find(b => b.textContent === 'Save and apply')"
                    + ".click()");
            FxThread.await("the file saved", Duration.ofSeconds(10), () -> {
                try {
                    return Files.readString(file).startsWith("# The quick start");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            app.script("document.querySelector('a[href=\"/\"]').click()");
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
        }
    }

    @Test
    void theBridgeIsOnTheSidecarsPageAndOnNoOtherOrigin() throws Exception {
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        elsewhere.createContext("/", exchange -> {
            byte[] page = "<!doctype html><title>elsewhere</title><p>another site".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        elsewhere.start();
        try (OpenDesktop app = OpenDesktop.open(dir, TestSidecars.demoConfig("demo"))) {
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
            assertThat(app.script("typeof window.mcpProxyDesktop")).isEqualTo("object");
            assertThat(app.script("JSON.parse(window.mcpProxyDesktop.get_backend_status()).running"))
                    .isEqualTo(true);

            String signIn = "https://auth.example/authorize?response_type=code&state=a%20b&resource=x";
            assertThat(app.script("window.mcpProxyDesktop.open_in_browser('" + signIn + "')"))
                    .isEqualTo("{\"opened\":true}");
            assertThat(app.script("window.mcpProxyDesktop.open_in_browser('file:///etc/passwd')"))
                    .isEqualTo("{\"error\":\"The address was not opened: only http and https addresses are opened\"}");
            assertThat(app.opened).as("in the browser, and the window stays on the sidecar's page")
                    .containsExactly(signIn);
            assertThat(app.script("location.origin")).isEqualTo(app.desktop.manager().client().orElseThrow().origin());

            load(app, "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/");
            assertThat(app.script("document.title + ' ' + typeof window.mcpProxyDesktop"))
                    .isEqualTo("elsewhere undefined");
            load(app, "data:text/html,<title>data</title><p>a page of no site");
            assertThat(app.script("typeof window.mcpProxyDesktop")).isEqualTo("undefined");

            // Back as the app signs the window in, at /?token=, which sets the cookie and goes on to /.
            FxThread.run(() -> app.engine().load(app.desktop.manager().client().orElseThrow().signInAddress()));
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
            assertThat(app.script("typeof window.mcpProxyDesktop")).isEqualTo("object");
        } finally {
            elsewhere.stop(0);
        }
    }

    @Test
    void updateConfigRefusesAnInvalidFileAndAppliesAValidOneLive() throws Exception {
        try (OpenDesktop app = OpenDesktop.open(dir, TestSidecars.demoConfig("demo"))) {
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
            Path file = app.desktop.config().path();
            byte[] before = Files.readAllBytes(file);

            String refused = (String) app.script(
                    "window.mcpProxyDesktop.update_config('proxy_port: -1\\nservers: []\\n')");
            assertThat(refused).contains("\"error\"").contains("\"problems\"").contains("proxy_port");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);

            String valid = TestSidecars.demoConfig(new FreePorts.Ports(status(app).port(), status(app).apiPort()),
                    "demo", "second");
            app.script("window.validYaml = " + tools.jackson.databind.json.JsonMapper.shared()
                    .writeValueAsString(valid));
            String applied = (String) app.script("window.mcpProxyDesktop.update_config(window.validYaml)");
            assertThat(applied).contains("\"change\"").doesNotContain("\"error\"");
            assertThat(Files.readString(file)).isEqualTo(valid);
            app.awaitServersShown(Duration.ofSeconds(30), "demo", "second");
        }
    }

    @Test
    void busyPortsAreReplacedByFreeOnesAndThePageIsOnTheRealOnes() throws Exception {
        FreePorts.Ports taken = FreePorts.choose(0, 0);
        try (ServerSocket port = new ServerSocket(taken.port(), 1, InetAddress.getLoopbackAddress());
             ServerSocket apiPort = new ServerSocket(taken.apiPort(), 1, InetAddress.getLoopbackAddress());
             OpenDesktop app = OpenDesktop.open(dir, TestSidecars.demoConfig(taken, "demo"))) {
            app.awaitServersShown(Duration.ofSeconds(30), "demo");
            BackendStatus status = app.desktop.manager().status();

            assertThat(status.port()).isNotEqualTo(port.getLocalPort());
            assertThat(status.apiPort()).isEqualTo(status.port() + 1).isNotEqualTo(apiPort.getLocalPort());
            assertThat(app.script("location.port")).isEqualTo(Integer.toString(status.apiPort()));
            assertThat(app.script("JSON.parse(window.mcpProxyDesktop.get_backend_status()).port"))
                    .isEqualTo(status.port());
        }
    }

    /**
     * A key pressed as the user does: through the X server (JavaFX's robot uses XTest), into the window, once the
     * window has the keyboard (a key sent before goes to no window, and is lost).
     */
    private static void pressOnTheKeyboard(OpenDesktop app, KeyCode key) throws InterruptedException {
        FxThread.run(() -> {
            Stage stage = app.desktop.window().stage();
            stage.toFront();
            stage.requestFocus();
            new Robot().mouseMove(stage.getX() + stage.getWidth() / 2, stage.getY() + 20);
        });
        FxThread.await("the window to have the keyboard", Duration.ofSeconds(10),
                () -> app.desktop.window().stage().isFocused());
        FxThread.run(() -> {
            Stage stage = app.desktop.window().stage();
            Robot robot = new Robot();
            robot.mouseMove(stage.getX() + stage.getWidth() / 2, stage.getY() + 20);
            robot.keyPress(key);
            robot.keyRelease(key);
        });
    }

    private static BackendStatus status(OpenDesktop app) {
        return app.desktop.manager().status();
    }

    private static void load(OpenDesktop app, String address) throws InterruptedException {
        FxThread.run(() -> app.engine().load(address));
        Instant deadline = Instant.now().plusSeconds(10);
        while (!FxThread.call(() -> app.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED
                && address.equals(app.engine().getLocation()))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Loading " + address + ": " + FxThread.call(() ->
                        app.engine().getLoadWorker().getState() + " at " + app.engine().getLocation()));
            }
            Thread.sleep(20);
        }
    }

    /** The window as it is drawn, saved as PNG under target/screenshots. */
    static Path screenshot(OpenDesktop app, String name) throws Exception {
        Thread.sleep(500);
        WritableImage image = FxThread.call(() -> app.desktop.window().stage().getScene().snapshot(null));
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name);
        ImageIO.write(png, "png", file.toFile());
        return file;
    }
}
