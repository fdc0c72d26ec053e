package dev.mcpproxy.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.desktop.TestSidecars;
import dev.mcpproxy.desktop.backend.FreePorts;
import dev.mcpproxy.desktop.backend.SidecarCommand;
import dev.mcpproxy.desktop.instance.LockRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app image as package.sh left it: its two launchers, its runtime and what it writes where. */
class AppImageIT {

    @TempDir
    Path dir;

    @Test
    void theSidecarLauncherPrintsTheBuildsVersionAndItsHelp() throws Exception {
        Path sidecar = Bundle.sidecarLauncher(Bundle.IMAGE);
        assertThat(Bundle.run(Map.of(), sidecar.toString(), "--version"))
                .isEqualTo(new Bundle.Run(0, "mcp-proxy-server " + Bundle.VERSION + "\n"));
        Bundle.Run help = Bundle.run(Map.of(), sidecar.toString(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).startsWith("Usage:\n  mcp-proxy-server [--config FILE]").contains("--version");
    }

    @Test
    void theSidecarMapsTheClassCacheMadeForTheImagesRuntime() throws Exception {
        Bundle.Run run = Bundle.run(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:aot=info"),
                Bundle.sidecarLauncher(Bundle.IMAGE).toString(), "--version");
        assertThat(run.output()).contains("Using AOT-linked classes: true");
    }

    @Test
    void theImageHoldsNoJdkToolsAndOnlyTheModulesItUses() throws Exception {
        // The runtime's java launcher is kept, which the sidecar's launcher runs on Linux; no tool of the JDK is.
        try (Stream<Path> files = Files.walk(Bundle.IMAGE)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .doesNotContain("javac", "jshell", "jlink", "jar", "jpackage", "keytool")
                    .contains("libjfxwebkit.so", "libglassgtk3.so", "mcp-proxy-server.aot", "default-config.yaml");
        }
        String release = Files.readString(Bundle.IMAGE.resolve("lib/runtime/release"));
        assertThat(release).contains("java.net.http", "javafx.web").doesNotContain("jdk.compiler", "jdk.jshell");
    }

    @Test
    void theImageHoldsTheDefaultConfigurationAndTheExamples() throws Exception {
        Path configs = Bundle.IMAGE.resolve("lib/configs");
        Path project = Path.of("").toAbsolutePath().getParent();
        assertThat(configs.resolve("default-config.yaml")).hasSameTextualContentAs(
                project.resolve("examples/default-config.yaml"));
        try (Stream<Path> examples = Files.list(project.resolve("examples"))) {
            examples.filter(Files::isRegularFile).forEach(example -> assertThat(
                    configs.resolve("examples").resolve(example.getFileName())).hasSameBinaryContentAs(example));
        }
    }

    /**
     * Spawn to a 200 from /health, the image's sidecar and the build's (its jar with jvm.options and ./mcp-proxy's
     * class cache) in turns, five each, both printed. The bound is the desktop's patience for a sidecar, not the
     * build's figure (timings belong in the benchmarks); that the class cache is used is checked on its own above.
     */
    @Test
    void theSidecarFromTheImageAnswersHealthSoonAfterItsSpawn() throws Exception {
        Bundle.run(Map.of(), TestSidecars.ROOT.resolve("mcp-proxy").toString(), "--version"); // makes the cache
        SidecarCommand image = SidecarCommand.forThisMachine(
                new SidecarCommand.ImageLauncher(Bundle.sidecarLauncher(Bundle.IMAGE)));
        SidecarCommand build = TestSidecars.command();
        assertThat(((SidecarCommand.SidecarJar) build.sidecar()).aotCache()).isPresent();
        HttpClient http = HttpClient.newHttpClient();
        List<Long> fromImage = new ArrayList<>();
        List<Long> fromBuild = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            fromImage.add(spawnToHealth(http, image));
            fromBuild.add(spawnToHealth(http, build));
        }
        long imageMedian = median(fromImage);
        long buildMedian = median(fromBuild);
        System.out.println("bundle: spawn to /health, median of 5: from the image " + imageMedian + " ms "
                + fromImage + ", from the build " + buildMedian + " ms " + fromBuild + " (target <= 200 ms)");
        assertThat(imageMedian).isLessThan(2_000);
    }

    private static long median(List<Long> millis) {
        return millis.stream().sorted().toList().get(millis.size() / 2);
    }

    private long spawnToHealth(HttpClient http, SidecarCommand command) throws Exception {
        FreePorts.Ports ports = FreePorts.choose(0, 0);
        Path config = TestSidecars.writeConfig(Files.createTempDirectory(dir, "health"),
                "proxy_port: " + ports.port() + "\napi_port: " + ports.apiPort() + "\nservers: []\n");
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.apiPort() + "/health"))
                .timeout(Duration.ofSeconds(1)).build();
        long started = System.nanoTime();
        Process sidecar = new ProcessBuilder(command.argv(config, ports.port(), ports.apiPort()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (sidecar.isAlive()) {
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - started) / 1_000_000;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(2);
                }
            }
            throw new AssertionError(command.argv(config, ports.port(), ports.apiPort()) + " exited with "
                    + sidecar.exitValue());
        } finally {
            sidecar.getOutputStream().close();
            sidecar.destroy();
            sidecar.waitFor();
        }
    }

    @Test
    void theDesktopLauncherRunsTheImagesOwnSidecarShowsTheDemoServerAndQuitsClean() throws Exception {
        try (ImageApp app = ImageApp.start(Bundle.appLauncher(Bundle.IMAGE), dir, TestSidecars.demoConfig("demo"))) {
            LockRecord record = app.awaitSidecar(Duration.ofSeconds(60));
            Bundle.assertIsTheSidecarOf(Bundle.IMAGE, record.sidecarPid());
            app.awaitServersShown(Duration.ofSeconds(60), "demo");

            assertThat(app.quit(Duration.ofSeconds(10))).isEmpty();
            assertThat(app.home.resolve(".openjfx")).doesNotExist();
        }
    }
}
