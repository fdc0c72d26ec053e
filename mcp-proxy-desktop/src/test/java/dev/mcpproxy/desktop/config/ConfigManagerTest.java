package dev.mcpproxy.desktop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpproxy.core.config.ConfigException;
import dev.mcpproxy.core.config.ProxyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigManagerTest {

    @TempDir
    Path folder;

    @Test
    void firstRunWritesTheSeedsDefaults() throws Exception {
        ConfigManager manager = new ConfigManager(folder.resolve("mcp-proxy"));

        ProxyConfig config = manager.loadOrCreate().config().config();

        assertThat(manager.path()).isRegularFile().hasFileName("mcp-proxy-config.yaml");
        assertThat(config.proxyPort()).isEqualTo(3000);
        assertThat(config.apiPort()).isEqualTo(3001);
        assertThat(config.servers()).isEmpty();
        assertThat(config.healthCheck().enabled()).isTrue();
        assertThat(config.healthCheck().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.healthCheck().timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anExistingFileIsLoadedAsItIs() throws Exception {
        ConfigManager manager = new ConfigManager(folder);
        Files.writeString(manager.path(), "proxy_port: 4100\nservers: []\n");

        ConfigManager.Loaded loaded = manager.loadOrCreate();

        assertThat(loaded.config().config().proxyPort()).isEqualTo(4100);
        assertThat(loaded.keptAside()).isEmpty();
        assertThat(manager.path()).hasContent("proxy_port: 4100\nservers: []\n");
    }

    @Test
    void aCorruptFileIsKeptAsideAndReportedNotOverwritten() throws Exception {
        ConfigManager manager = new ConfigManager(folder);
        String corrupt = "proxy_port: [3000\nservers: 12\n";
        Files.writeString(manager.path(), corrupt);

        ConfigManager.Loaded loaded = manager.loadOrCreate();

        assertThat(loaded.keptAside()).hasValueSatisfying(aside -> {
            assertThat(aside.getParent()).isEqualTo(folder);
            assertThat(aside.getFileName().toString()).startsWith("mcp-proxy-config.yaml.invalid-");
            assertThat(aside).hasContent(corrupt);
        });
        assertThat(loaded.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).contains("mcp-proxy-config.yaml"));
        assertThat(loaded.config().config().proxyPort()).isEqualTo(3000);
        assertThat(Files.readString(manager.path())).isEqualTo(ConfigManager.DEFAULTS);
    }

    @Test
    void anInvalidSaveChangesNothingOnDisk() throws Exception {
        ConfigManager manager = new ConfigManager(folder);
        manager.loadOrCreate();
        byte[] before = Files.readAllBytes(manager.path());

        assertThatThrownBy(() -> manager.save("proxy_port: -1\nservers: []\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("proxy_port");

        assertThat(Files.readAllBytes(manager.path())).isEqualTo(before);
        assertThat(folder.resolve("mcp-proxy-config.yaml.bak")).doesNotExist();
        try (var files = Files.list(folder)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void aValidSaveReplacesTheFileAndKeepsTheOldOneAsBackup() throws Exception {
        ConfigManager manager = new ConfigManager(folder);
        manager.loadOrCreate();

        manager.save("proxy_port: 4200\nservers: []\n");

        assertThat(manager.path()).hasContent("proxy_port: 4200\nservers: []\n");
        assertThat(folder.resolve("mcp-proxy-config.yaml.bak")).hasContent(ConfigManager.DEFAULTS);
    }

    @Test
    void aNamedFileIsUsedWhereItIsAndNeverCreated() throws Exception {
        Path named = folder.resolve("demo.yaml");
        ConfigManager manager = ConfigManager.named(named);

        assertThatThrownBy(manager::loadOrCreate).hasMessage("The configuration file " + named + " does not exist");
        assertThat(named).doesNotExist();

        Files.writeString(named, "proxy_port: 4200\nservers: []\n");
        assertThat(manager.loadOrCreate().config().config().proxyPort()).isEqualTo(4200);
        assertThat(manager.path()).isEqualTo(named);
    }

    @Test
    void anInvalidNamedFileIsReportedAndLeftAsItIs() throws Exception {
        Path named = folder.resolve("broken.yaml");
        Files.writeString(named, "proxy_port: many\n");

        assertThatThrownBy(ConfigManager.named(named)::loadOrCreate)
                .hasMessageStartingWith(named + " is not a valid configuration:\n").hasMessageContaining("proxy_port");
        assertThat(named).hasContent("proxy_port: many\n");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(named);
        }
    }
}
