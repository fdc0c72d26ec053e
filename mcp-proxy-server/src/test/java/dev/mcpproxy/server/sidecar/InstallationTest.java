package dev.mcpproxy.server.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.shared.OperatingSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command a client runs this installation by: the launcher when the jar is the build's, else the JVM. */
class InstallationTest {

    @TempDir
    Path root;

    private Path builtJar() throws Exception {
        Path jar = root.resolve("mcp-proxy-server/target/mcp-proxy-server.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[] {'P', 'K'});
        return jar;
    }

    @Test
    void theBuildsJarIsRunByTheLauncherBesideIt() throws Exception {
        Path jar = builtJar();
        Path launcher = Files.writeString(root.resolve("mcp-proxy"), "#!/usr/bin/env bash\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Installation.command(jar, "/jdk/bin/java", "cp", OperatingSystem.LINUX))
                .containsExactly(launcher.toString());
        assertThat(Installation.command(jar, "/jdk/bin/java", "cp", OperatingSystem.WINDOWS))
                .as("the launcher is bash").containsExactly("/jdk/bin/java", "-jar", jar.toString());
    }

    @Test
    void aJarWithoutALauncherRunsOnThisJvm() throws Exception {
        Path jar = builtJar();
        assertThat(Installation.command(jar, "/jdk/bin/java", "cp", OperatingSystem.MACOS))
                .containsExactly("/jdk/bin/java", "-jar", jar.toString());
        Files.writeString(root.resolve("mcp-proxy"), "not executable");
        assertThat(Installation.command(jar, "/jdk/bin/java", "cp", OperatingSystem.LINUX))
                .containsExactly("/jdk/bin/java", "-jar", jar.toString());
    }

    @Test
    void classesWithoutAJarRunWithTheClassPath() {
        assertThat(Installation.command(root, "/jdk/bin/java", "/a:/b", OperatingSystem.LINUX))
                .isEqualTo(List.of("/jdk/bin/java", "-cp", "/a:/b", Main.class.getName()));
    }
}
