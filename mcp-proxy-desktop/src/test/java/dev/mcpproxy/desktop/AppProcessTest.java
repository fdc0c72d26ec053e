package dev.mcpproxy.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.desktop.backend.FreePorts;
import dev.mcpproxy.desktop.backend.SidecarClient;
import dev.mcpproxy.desktop.instance.InstanceLock;
import dev.mcpproxy.desktop.instance.LockRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app as its own process: killed, quit, launched twice, and launched after a crash that left a sidecar. */
class AppProcessTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;

    @Test
    void killedAppLeavesNoSidecarAndNoServerTwoSecondsLater() throws Exception {
        try (AppProcess app = AppProcess.start(dir, TestSidecars.demoConfig("demo"))) {
            List<ProcessHandle> tree = AppProcess.sidecarTree(app.awaitSidecar(Duration.ofSeconds(60)), 1);

            app.process.toHandle().destroyForcibly();
            app.process.onExit().get(5, TimeUnit.SECONDS);
            Thread.sleep(2_000);

            assertThat(tree).as("the sidecar, its demo server and its guard").allMatch(AppProcess::ended);
        }
    }

    @Test
    void quitWithThreeServersRunningStopsThemAllAndExitsWithinTheBound() throws Exception {
        try (AppProcess app = AppProcess.start(dir, TestSidecars.demoConfig("one", "two", "three"))) {
            List<ProcessHandle> tree = AppProcess.sidecarTree(app.awaitSidecar(Duration.ofSeconds(60)), 3);

            Instant asked = Instant.now();
            app.process.toHandle().destroy();
            app.process.onExit().get(DesktopApp.QUIT_BOUND.toSeconds() + 5, TimeUnit.SECONDS);
            Duration took = Duration.between(asked, Instant.now());
            System.out.println("desktop: quit with three servers: " + took.toMillis() + " ms");

            assertThat(took).isLessThan(DesktopApp.QUIT_BOUND);
            assertThat(tree).allMatch(AppProcess::ended);
            assertThat(InstanceLock.read(app.state)).isPresent();
        }
    }

    /**
     * The close request as a window manager sends it when the user clicks the window's close button (with no tray,
     * as on Xvfb, closing quits): the progress view says how many servers it stops, and nothing is left.
     */
    @Test
    void closingTheWindowWithThreeServersRunningStopsThemAllAndExitsWithinTheBound() throws Exception {
        try (AppProcess app = AppProcess.start(dir, TestSidecars.demoConfig("one", "two", "three"));
             X11Windows x11 = X11Windows.open()) {
            LockRecord record = app.awaitSidecar(Duration.ofSeconds(60));
            List<ProcessHandle> tree = AppProcess.sidecarTree(record, 3);
            SidecarClient sidecar = new SidecarClient(record.apiPort(), record.token());
            for (Instant deadline = Instant.now().plusSeconds(60); sidecar.runningServers() < 3; ) {
                assertThat(Instant.now()).as("three servers running").isBefore(deadline);
                Thread.sleep(20);
            }
            long window = x11.awaitWindowOf(app.process.pid(), Duration.ofSeconds(10));

            Instant asked = Instant.now();
            x11.requestClose(window);
            String shown = "Quitting; the window shows \"Stopping 3 servers…\"";
            while (!app.output().contains(shown) && app.process.isAlive()) {
                Thread.sleep(5);
            }
            assertThat(app.output()).contains(shown);
            Thread.sleep(100);
            x11.screenshot(window, SCREENSHOTS.resolve("desktop-closing.png"));
            app.process.onExit().get(DesktopApp.QUIT_BOUND.toSeconds() + 5, TimeUnit.SECONDS);
            Duration took = Duration.between(asked, Instant.now());
            System.out.println("desktop: window closed with three servers, to the app gone: " + took.toMillis()
                    + " ms");

            assertThat(took).isLessThan(DesktopApp.QUIT_BOUND);
            assertThat(app.process.exitValue()).isZero();
            assertThat(tree).as("the sidecar, its three servers and its guard").allMatch(AppProcess::ended);
            assertThat(app.output()).contains("The desktop has no system tray: closing the window quits MCP Proxy");
        }
    }

    @Test
    void aSecondLaunchFocusesTheFirstAndExits() throws Exception {
        try (AppProcess first = AppProcess.start(dir, TestSidecars.demoConfig("demo"))) {
            LockRecord running = first.awaitSidecar(Duration.ofSeconds(60));
            try (AppProcess second = AppProcess.start(dir, "")) {
                assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).as(second::toString).isTrue();
                assertThat(second.output()).contains("MCP Proxy is already running; its window was brought to the "
                        + "front");
            }
            assertThat(InstanceLock.read(first.state)).contains(running);
            assertThat(first.process.isAlive()).isTrue();
        }
    }

    @Test
    void aSidecarLeftRunningWithTheLockFileIsStoppedByTheNextLaunch() throws Exception {
        FreePorts.Ports ports = FreePorts.choose(0, 0);
        Path configFile = TestSidecars.writeConfig(Files.createDirectories(dir.resolve("stray")),
                TestSidecars.demoConfig(ports, "demo"));
        ProcessBuilder byHand = new ProcessBuilder(TestSidecars.command().argv(configFile, ports.port(),
                ports.apiPort())).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        byHand.environment().put("MCP_PROXY_TOKEN", "left-behind");
        Process stray = byHand.start();
        try {
            LockRecord left = new LockRecord(999_999_999L, stray.pid(), ports.port(), ports.apiPort(), "left-behind",
                    0);
            Path state = dir.resolve("state").resolve("mcp-proxy");
            try (InstanceLock lock = InstanceLock.acquire(state).orElseThrow()) {
                lock.write(left);
            }
            List<ProcessHandle> strayTree = AppProcess.sidecarTree(left, 1);

            try (AppProcess app = AppProcess.start(dir, TestSidecars.demoConfig("demo"))) {
                LockRecord fresh = app.awaitSidecar(Duration.ofSeconds(60));

                assertThat(strayTree).allMatch(AppProcess::ended);
                assertThat(fresh.sidecarPid()).isNotEqualTo(stray.pid());
                assertThat(app.output()).contains("A sidecar left by an earlier run of the app is still running (pid "
                        + stray.pid());
            }
        } finally {
            stray.destroyForcibly();
        }
    }

    @Test
    void aConfigurationNamedOnTheCommandLineIsUsedWhereItIs() throws Exception {
        Path named = TestSidecars.writeConfig(Files.createDirectories(dir.resolve("named")),
                TestSidecars.demoConfig("named"));
        String folderConfig = TestSidecars.demoConfig("folder-one", "folder-two");
        try (AppProcess app = AppProcess.start(dir, folderConfig, List.of("--config", named.toString()))) {
            LockRecord record = app.awaitSidecar(Duration.ofSeconds(60));
            SidecarClient sidecar = new SidecarClient(record.apiPort(), record.token());
            for (Instant deadline = Instant.now().plusSeconds(60); sidecar.runningServers() < 1; ) {
                assertThat(Instant.now()).as("the named file's server running").isBefore(deadline);
                Thread.sleep(20);
            }
            Thread.sleep(500);
            assertThat(sidecar.runningServers()).as("only the named file's one server").isEqualTo(1);
        }
        assertThat(dir.resolve("config").resolve("mcp-proxy").resolve("mcp-proxy-config.yaml")).hasContent(folderConfig);
    }

    @Test
    void aMistakeOnTheCommandLineIsOneLineAndStatus2() throws Exception {
        for (List<String> args : List.of(List.of("--config", "no-such.yaml"), List.of("--port", "5"),
                List.of("--config"))) {
            try (AppProcess app = AppProcess.start(dir, "", args)) {
                assertThat(app.process.waitFor(30, TimeUnit.SECONDS)).as(app::toString).isTrue();
                assertThat(app.process.exitValue()).as(app::toString).isEqualTo(2);
                assertThat(app.output().strip()).as(String.join(" ", args)).startsWith("mcp-proxy desktop: ")
                        .doesNotContain("\n").doesNotContain("Exception");
            }
        }
    }

    @Test
    void anInvalidNamedConfigurationIsReportedLeftAsItIsAndTheAppExitsWithStatus1() throws Exception {
        Path named = Files.writeString(dir.resolve("broken.yaml"), "proxy_port: many\n");
        try (AppProcess app = AppProcess.start(dir, "", List.of("--config=" + named))) {
            assertThat(app.process.waitFor(60, TimeUnit.SECONDS)).as(app::toString).isTrue();
            assertThat(app.process.exitValue()).as(app::toString).isEqualTo(1);
            assertThat(app.output()).contains("mcp-proxy desktop: " + named + " is not a valid configuration:")
                    .contains("proxy_port");
        }
        assertThat(named).hasContent("proxy_port: many\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.startsWith("broken.yaml."));
        }
    }
}
