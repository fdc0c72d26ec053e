package dev.mcpproxy.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpproxy.shared.OperatingSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Windows Run key: the reg.exe commands built, their quoting, and a run against a stand-in reg.exe. */
class WindowsRunKeyTest {

    private static final List<String> LAUNCH = List.of("C:\\Program Files\\MCP Proxy\\mcp-proxy.exe", "desktop");

    @TempDir
    Path dir;

    @Test
    void regExeIsRunByItsPathWithTheRunKeysValue() {
        WindowsRunKey key = (WindowsRunKey) StartAtLogin.of(OperatingSystem.WINDOWS, Map.of("SystemRoot",
                "D:\\Win"), Path.of("C:\\Users\\ada"), LAUNCH);

        assertThat(key.addArgv()).containsExactly("D:\\Win\\System32\\reg.exe", "add",
                "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "/v", "MCP Proxy", "/t", "REG_SZ", "/d",
                "\"\\\"C:\\Program Files\\MCP Proxy\\mcp-proxy.exe\\\" desktop\"", "/f");
        assertThat(key.deleteArgv()).containsExactly("D:\\Win\\System32\\reg.exe", "delete",
                "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "/v", "MCP Proxy", "/f");
        assertThat(key.queryArgv()).containsExactly("D:\\Win\\System32\\reg.exe", "query",
                "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "/v", "MCP Proxy");
        assertThat(WindowsRunKey.reg(Map.of())).containsExactly("C:\\Windows\\System32\\reg.exe");
    }

    @Test
    void theValueIsQuotedSoThatWindowsReadsBackTheSameArguments() {
        List<String> argv = List.of("C:\\Apps\\mcp-proxy.exe", "with space", "trailing\\", "say \"hi\"",
                "back\\\\\"slashes", "");

        String commandLine = WindowsRunKey.commandLine(argv);

        assertThat(commandLine).isEqualTo("C:\\Apps\\mcp-proxy.exe \"with space\" trailing\\ \"say \\\"hi\\\"\" "
                + "\"back\\\\\\\\\\\"slashes\" \"\"");
        assertThat(commandLineToArgv(commandLine)).isEqualTo(argv);
        assertThat(commandLineToArgv(WindowsRunKey.quote(commandLine))).containsExactly(commandLine);
        assertThat(WindowsRunKey.quote("C:\\dir with space\\")).isEqualTo("\"C:\\dir with space\\\\\"");
    }

    @Test
    void enablingAddsTheValueDisablingDeletesItAndQueryTellsWhichStands() throws Exception {
        WindowsRunKey key = new WindowsRunKey(fakeReg(), LAUNCH);
        assertThat(key.enabled()).isFalse();

        key.enable();
        assertThat(key.enabled()).isTrue();
        assertThat(Files.readString(dir.resolve("value"))).isEqualTo(WindowsRunKey.quote(WindowsRunKey.commandLine(
                LAUNCH)));

        key.disable();
        assertThat(key.enabled()).isFalse();
        key.disable();
        assertThat(Files.readAllLines(dir.resolve("calls")).stream().map(line -> line.split("\u0000")[0]))
                .containsExactly("query", "add", "query", "query", "delete", "query", "query");
    }

    @Test
    void aRefusalIsReportedWithRegExesWords() throws Exception {
        WindowsRunKey key = new WindowsRunKey(fakeReg(), LAUNCH);
        Files.createFile(dir.resolve("refuse"));

        assertThatThrownBy(key::enable).isInstanceOf(IOException.class).hasMessage("reg.exe add "
                + "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\MCP Proxy failed (exit code 1): ERROR: "
                + "Access is denied.");
    }

    private List<String> fakeReg() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FakeRegExe.class.getName(), dir.toString());
    }

    /** CommandLineToArgvW's rules, for reading a command line back: 2n backslashes and a quote are n and a toggle. */
    private static List<String> commandLineToArgv(String line) {
        List<String> argv = new ArrayList<>();
        StringBuilder current = null;
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (!quoted && (c == ' ' || c == '\t')) {
                if (current != null) {
                    argv.add(current.toString());
                    current = null;
                }
                i++;
                continue;
            }
            current = current == null ? new StringBuilder() : current;
            if (c == '\\') {
                int backslashes = 0;
                while (i < line.length() && line.charAt(i) == '\\') {
                    backslashes++;
                    i++;
                }
                if (i < line.length() && line.charAt(i) == '"') {
                    current.append("\\".repeat(backslashes / 2));
                    if (backslashes % 2 == 1) {
                        current.append('"');
                        i++;
                    }
                } else {
                    current.append("\\".repeat(backslashes));
                }
            } else if (c == '"') {
                quoted = !quoted;
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        if (current != null) {
            argv.add(current.toString());
        }
        return argv;
    }
}
