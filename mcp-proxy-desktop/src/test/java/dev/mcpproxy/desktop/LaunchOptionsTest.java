package dev.mcpproxy.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {

    @TempDir
    Path dir;

    @Test
    void noArgumentsMeanTheConfigFoldersFile() throws Exception {
        assertThat(LaunchOptions.parse(List.of()).config()).isEmpty();
        assertThat(LaunchOptions.parse(List.of()).asArguments()).isEmpty();
    }

    @Test
    void aConfigFileIsTakenInBothSpellingsAndMadeAbsolute() throws Exception {
        Path file = Files.writeString(dir.resolve("demo.yaml"), "servers: []\n");

        assertThat(LaunchOptions.parse(List.of("--config", file.toString())).config()).contains(file);
        assertThat(LaunchOptions.parse(List.of("--config=" + file)).config()).contains(file);
        assertThat(LaunchOptions.parse(List.of("--config", file.toString())).asArguments())
                .containsExactly("--config", file.toString());
        assertThat(new LaunchOptions(Optional.of(file)).config().orElseThrow()).isAbsolute();
    }

    @Test
    void mistakesAreOneLineEach() throws Exception {
        Path file = Files.writeString(dir.resolve("demo.yaml"), "servers: []\n");

        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--config")))
                .hasMessage("--config needs a file; usage: mcp-proxy desktop [--config FILE]");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--config=")))
                .hasMessage("--config needs a file; usage: mcp-proxy desktop [--config FILE]");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--port", "5")))
                .hasMessage("unknown argument --port; usage: mcp-proxy desktop [--config FILE]");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--config", file.toString(), "--config", file.toString())))
                .hasMessage("--config is given twice; usage: mcp-proxy desktop [--config FILE]");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--config", "missing.yaml")))
                .hasMessageStartingWith("--config missing.yaml: no such file (").hasMessageEndingWith("missing.yaml)");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--config", dir.toString())))
                .hasMessageContaining("no such file");
    }
}
