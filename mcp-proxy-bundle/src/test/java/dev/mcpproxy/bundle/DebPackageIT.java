package dev.mcpproxy.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpproxy.desktop.TestSidecars;
import dev.mcpproxy.desktop.instance.LockRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb installed and removed by dpkg itself, into a scratch root ({@code --root} with its own database), so that
 * the machine's own packages and folders are never touched. Its maintainer scripts run outside a chroot
 * ({@code --force-script-chrootless}: the scratch root has no shell to chroot into), with a stand-in
 * {@code xdg-desktop-menu} first on their PATH that records the desktop entries they install and uninstall instead
 * of changing this machine's menus (removal's script skips its uninstall there: it first looks for the entry at
 * its path under /opt, which is in the scratch root). The libraries it depends on are the machine's ({@code --force-depends}: the
 * scratch database knows no packages); the app's start from the installed paths shows they are enough.
 */
class DebPackageIT {

    @TempDir
    Path dir;
    private Path root;
    private Path stubs;

    @BeforeEach
    void scratchRoot() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "dpkg is not on this machine");
        root = dir.resolve("root");
        Path admin = Files.createDirectories(root.resolve("var/lib/dpkg"));
        for (String folder : new String[] {"info", "updates", "triggers"}) {
            Files.createDirectories(admin.resolve(folder));
        }
        Files.createFile(admin.resolve("status"));
        stubs = Files.createDirectories(dir.resolve("stubs"));
        Files.writeString(Files.createFile(stubs.resolve("xdg-desktop-menu"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))),
                "#!/bin/sh\necho \"$*\" >> " + stubs.resolve("calls") + "\n");
    }

    /** A size, not a time: the same files give the same bytes on any machine. */
    @Test
    void isAtMost80Megabytes() throws Exception {
        long size = Files.size(Bundle.deb());
        System.out.printf("bundle: the .deb is %.1f MB (target 80 MB)%n", size / 1e6);
        assertThat(size).as("the .deb's size in bytes").isLessThanOrEqualTo(80_000_000L);
    }

    @Test
    void declaresTheDesktopLibrariesItNeedsAndAMenuEntryWithItsIconForTheAppOnly() throws Exception {
        String depends = dpkg("dpkg-deb", "--field", Bundle.deb().toString(), "Depends").output();
        assertThat(depends).contains("libgtk-3-0", "libgl1", "libxtst6", "libxxf86vm1");
        Path unpacked = dir.resolve("unpacked");
        assertThat(dpkg("dpkg-deb", "--extract", Bundle.deb().toString(), unpacked.toString()).exitCode()).isZero();
        Path lib = unpacked.resolve("opt/mcp-proxy/lib");
        assertThat(Files.readString(lib.resolve("mcp-proxy-MCP_Proxy.desktop")))
                .contains("Exec=\"/opt/mcp-proxy/bin/MCP Proxy\"", "Icon=/opt/mcp-proxy/lib/MCP_Proxy.png")
                .doesNotContain("NoDisplay");
        assertThat(lib.resolve("MCP_Proxy.png")).hasSameBinaryContentAs(Path.of("src/icons/mcp-proxy.png"));
        assertThat(Files.readString(lib.resolve("mcp-proxy-mcp-proxy-server.desktop"))).contains("NoDisplay=true");
    }

    @Test
    void bothLaunchersStartFromTheirInstalledPathsAndRemovalLeavesTheUsersConfiguration() throws Exception {
        assertThat(dpkg("dpkg", "--install", "--force-depends", Bundle.deb().toString()).exitCode()).isZero();
        Path installed = root.resolve("opt/mcp-proxy");
        assertThat(Files.readString(stubs.resolve("calls"))).contains(
                "install /opt/mcp-proxy/lib/mcp-proxy-MCP_Proxy.desktop\n");

        assertThat(Bundle.run(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:aot=info"),
                Bundle.sidecarLauncher(installed).toString(), "--version").output())
                .contains("Using AOT-linked classes: true").endsWith("mcp-proxy-server " + Bundle.VERSION + "\n");
        Path userConfig;
        FileTime written;
        try (ImageApp app = ImageApp.start(Bundle.appLauncher(installed), dir, TestSidecars.demoConfig("demo"))) {
            LockRecord record = app.awaitSidecar(Duration.ofSeconds(60));
            Bundle.assertIsTheSidecarOf(installed, record.sidecarPid());
            assertThat(app.quit(Duration.ofSeconds(10))).isEmpty();
            userConfig = app.config.resolve("mcp-proxy-config.yaml");
            written = Files.getLastModifiedTime(userConfig);
        }
        String config = Files.readString(userConfig);

        assertThat(dpkg("dpkg", "--remove", "mcp-proxy").exitCode()).isZero();
        assertThat(installed.resolve("bin")).doesNotExist();
        assertThat(installed.resolve("lib/mcp-proxy-MCP_Proxy.desktop")).doesNotExist();
        assertThat(userConfig).hasContent(config);
        assertThat(Files.getLastModifiedTime(userConfig)).isEqualTo(written);
    }

    /** A dpkg tool on the scratch root, with the stand-ins first on the maintainer scripts' PATH. */
    private Bundle.Run dpkg(String tool, String... arguments) throws Exception {
        String[] command = new String[arguments.length + (tool.equals("dpkg") ? 5 : 1)];
        command[0] = tool;
        int next = 1;
        if (tool.equals("dpkg")) {
            command[next++] = "--root=" + root;
            command[next++] = "--log=" + dir.resolve("dpkg.log");
            command[next++] = "--force-script-chrootless";
            command[next++] = "--force-not-root";
        }
        System.arraycopy(arguments, 0, command, next, arguments.length);
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", stubs + ":" + System.getenv("PATH"));
        return Bundle.run(environment, command);
    }
}
