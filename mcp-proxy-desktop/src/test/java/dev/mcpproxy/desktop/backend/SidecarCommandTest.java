package dev.mcpproxy.desktop.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpproxy.shared.OperatingSystem;
import dev.mcpproxy.desktop.TestSidecars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command each platform starts the sidecar with, built the same on any platform. */
class SidecarCommandTest {

    private static final SidecarCommand.SidecarJar JAR = new SidecarCommand.SidecarJar(Path.of("/app/server.jar"),
            List.of("-Xmx128m"), Optional.of(Path.of("/app/server.aot")));
    private static final Path CONFIG = Path.of("/home/u/.config/mcp-proxy/mcp-proxy-config.yaml");
    private static final List<String> SIDECAR_ARGS = List.of("-Xmx128m", "-XX:AOTCache=/app/server.aot",
            "-jar", "/app/server.jar", "--config", CONFIG.toString(), "--port", "3000", "--api-port", "3001",
            "--exit-on-stdin-eof", "--parent-pid", Long.toString(ProcessHandle.current().pid()));

    @Test
    void linuxStartsTheSidecarInAProcessGroupOfItsOwn() {
        List<String> argv = new SidecarCommand(OperatingSystem.LINUX, Path.of("/jdk"),
                Optional.of(Path.of("/usr/bin/setsid")), JAR).argv(CONFIG, 3000, 3001);
        assertThat(argv.subList(0, 2)).containsExactly("/usr/bin/setsid", "/jdk/bin/java");
        assertThat(argv.subList(2, argv.size())).isEqualTo(SIDECAR_ARGS);
    }

    @Test
    void linuxWithoutSetsidRunsTheJvmDirectly() {
        List<String> argv = new SidecarCommand(OperatingSystem.LINUX, Path.of("/jdk"), Optional.empty(), JAR)
                .argv(CONFIG, 3000, 3001);
        assertThat(argv.getFirst()).isEqualTo("/jdk/bin/java");
    }

    @Test
    void macosRunsTheSidecarAtLowerPriority() {
        List<String> argv = new SidecarCommand(OperatingSystem.MACOS, Path.of("/jdk"), Optional.empty(), JAR)
                .argv(CONFIG, 3000, 3001);
        assertThat(argv.subList(0, 4)).containsExactly("/usr/bin/nice", "-n", "10", "/jdk/bin/java");
        assertThat(argv.subList(4, argv.size())).isEqualTo(SIDECAR_ARGS);
    }

    @Test
    void windowsUsesTheJvmLauncherThatOpensNoConsole() {
        List<String> argv = new SidecarCommand(OperatingSystem.WINDOWS, Path.of("C:/jdk"), Optional.empty(), JAR)
                .argv(CONFIG, 3000, 3001);
        assertThat(argv.getFirst()).endsWith("javaw.exe").startsWith(Path.of("C:/jdk").toString());
        assertThat(argv.subList(1, argv.size())).isEqualTo(SIDECAR_ARGS);
    }

    @Test
    void everyPathIsAbsoluteAndTheTokenIsNotOnTheCommandLine() throws IOException {
        SidecarCommand command = TestSidecars.command();
        List<String> argv = command.argv(CONFIG, 3000, 3001);
        assertThat(Path.of(argv.getFirst())).isAbsolute();
        assertThat(argv).contains(TestSidecars.ROOT.resolve("mcp-proxy-server/target/mcp-proxy-server.jar")
                .toString());
        assertThat(String.join(" ", argv)).doesNotContain("token");
    }

    @Test
    void theBuildsJvmOptionsAreTakenWithoutTheirComments() throws IOException {
        SidecarCommand.SidecarJar jar = SidecarCommand.fromBuild(TestSidecars.ROOT);
        assertThat(jar.jvmFlags()).contains("-XX:+UseSerialGC", "-Xmx128m").allMatch(flag -> flag.startsWith("-"));
    }

    @Test
    void aMissingBuildSaysHowToMakeIt(@TempDir Path empty) {
        assertThatThrownBy(() -> SidecarCommand.fromBuild(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("mcp-proxy-server.jar is missing").hasMessageContaining("./mcp-proxy desktop");
    }

    @Test
    void theImagesLauncherRunsWithoutAJvmOrJarOnTheCommandLine() {
        List<String> argv = new SidecarCommand(OperatingSystem.LINUX, Path.of("/jdk"),
                Optional.of(Path.of("/usr/bin/setsid")),
                new SidecarCommand.ImageLauncher(Path.of("/opt/mcp-proxy/bin/mcp-proxy-server")))
                .argv(CONFIG, 3000, 3001);
        assertThat(argv).containsExactly("/usr/bin/setsid", "/opt/mcp-proxy/bin/mcp-proxy-server", "--config",
                CONFIG.toString(), "--port", "3000", "--api-port", "3001", "--exit-on-stdin-eof", "--parent-pid",
                Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void theImagesLauncherDoesNotInheritTheAppLaunchersMarkOfItsSecondStage() {
        Map<String, String> environment = new HashMap<>(Map.of("_JPACKAGE_LAUNCHER", "0", "HOME", "/home/u"));
        new SidecarCommand(OperatingSystem.LINUX, Path.of("/jdk"), Optional.empty(),
                new SidecarCommand.ImageLauncher(Path.of("/opt/mcp-proxy/bin/mcp-proxy-server")))
                .prepareEnvironment(environment);
        assertThat(environment).isEqualTo(Map.of("HOME", "/home/u"));

        Map<String, String> fromBuild = new HashMap<>(Map.of("_JPACKAGE_LAUNCHER", "0"));
        new SidecarCommand(OperatingSystem.LINUX, Path.of("/jdk"), Optional.empty(), JAR).prepareEnvironment(fromBuild);
        assertThat(fromBuild).containsKey("_JPACKAGE_LAUNCHER");
    }

    @Test
    void theImagesSidecarIsTheLauncherBesideTheAppsOwn(@TempDir Path image) throws IOException {
        Path bin = Files.createDirectories(image.resolve("bin"));
        Path sidecar = Files.createFile(bin.resolve("mcp-proxy-server"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(SidecarCommand.fromAppImage(OperatingSystem.LINUX, bin.resolve("MCP Proxy")).launcher())
                .isEqualTo(sidecar);
    }

    @Test
    void anImageWithoutItsSidecarSaysSo(@TempDir Path image) {
        assertThatThrownBy(() -> SidecarCommand.fromAppImage(OperatingSystem.LINUX, image.resolve("bin/MCP Proxy")))
                .isInstanceOf(IOException.class).hasMessageContaining("bin/mcp-proxy-server is not there")
                .hasMessageContaining("Install MCP Proxy again");
    }
}
