package dev.mcpproxy.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux autostart entry: what is written, how its Exec line quotes, and what counts as on. */
class XdgAutostartEntryTest {

    @TempDir
    Path dir;

    @Test
    void theEntryGoesInXdgConfigHomesAutostartFolderOrTheDefaultOne() {
        Path home = Path.of("/home/ada");
        assertThat(XdgAutostartEntry.file(Map.of("XDG_CONFIG_HOME", "/cfg"), home))
                .isEqualTo(Path.of("/cfg/autostart/mcp-proxy.desktop"));
        assertThat(XdgAutostartEntry.file(Map.of("XDG_CONFIG_HOME", "relative"), home))
                .isEqualTo(Path.of("/home/ada/.config/autostart/mcp-proxy.desktop"));
        assertThat(XdgAutostartEntry.file(Map.of(), home))
                .isEqualTo(Path.of("/home/ada/.config/autostart/mcp-proxy.desktop"));
    }

    @Test
    void enablingWritesAnEntryDesktopFileValidateAcceptsWithTheLaunchersExecLine() throws Exception {
        Path launcher = launcher(dir.resolve("MCP Proxy build"));
        XdgAutostartEntry entry = new XdgAutostartEntry(dir.resolve("autostart").resolve("mcp-proxy.desktop"),
                List.of(launcher.toString(), "desktop"));

        entry.set(true);

        String text = Files.readString(entry.file());
        assertThat(text).startsWith("[Desktop Entry]\n").contains("\nType=Application\n", "\nName=MCP Proxy\n",
                "\nExec=\"" + launcher + "\" desktop\n");
        assertThat(entry.enabled()).isTrue();
        Process validate = new ProcessBuilder("desktop-file-validate", entry.file().toString())
                .redirectErrorStream(true).start();
        assertThat(validate.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String complaints = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.exitValue()).as(complaints).isZero();
        assertThat(complaints).isEmpty();
    }

    @Test
    void theExecLineQuotesReservedCharactersAndReadsBackAsTheSameArguments() {
        List<String> argv = List.of("/opt/My \"Apps\"/$HOME/100%/back\\slash/mcp-proxy", "desktop", "a b", "~x", "");
        String exec = XdgAutostartEntry.execLine(argv);

        assertThat(exec).isEqualTo("\"/opt/My \\\\\"Apps\\\\\"/\\\\$HOME/100%%/back\\\\\\\\slash/mcp-proxy\" desktop"
                + " \"a b\" \"~x\" \"\"");
        assertThat(DesktopEntryExec.argv(exec)).isEqualTo(argv);
        assertThat(XdgAutostartEntry.execLine(List.of("/usr/bin/mcp-proxy", "desktop")))
                .isEqualTo("/usr/bin/mcp-proxy desktop");
    }

    @Test
    void disablingRemovesTheEntryAndAnEntryTheDesktopTurnedOffCountsAsOff() throws Exception {
        XdgAutostartEntry entry = new XdgAutostartEntry(dir.resolve("autostart").resolve("mcp-proxy.desktop"),
                List.of(launcher(dir).toString(), "desktop"));
        entry.set(true);
        entry.set(false);
        assertThat(entry.file()).doesNotExist();
        assertThat(entry.enabled()).isFalse();
        entry.set(false);

        entry.set(true);
        Files.writeString(entry.file(), Files.readString(entry.file()) + "Hidden=true\n");
        assertThat(entry.enabled()).isFalse();
        entry.set(true);
        Files.writeString(entry.file(), Files.readString(entry.file()).replace("X-GNOME-Autostart-enabled=true",
                "X-GNOME-Autostart-enabled=false"));
        assertThat(entry.enabled()).isFalse();
    }

    @Test
    void aLauncherThatIsNotThereIsRefusedInOneSentenceAndNothingIsWritten() {
        XdgAutostartEntry entry = new XdgAutostartEntry(dir.resolve("autostart").resolve("mcp-proxy.desktop"),
                List.of(dir.resolve("gone").toString(), "desktop"));

        assertThatThrownBy(() -> entry.set(true)).isInstanceOf(IOException.class).hasMessage("MCP Proxy cannot be "
                + "started at login: its launcher " + dir.resolve("gone") + " is not an executable file");
        assertThat(entry.file()).doesNotExist();
    }

    private static Path launcher(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path launcher = folder.resolve("mcp-proxy");
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }
}
