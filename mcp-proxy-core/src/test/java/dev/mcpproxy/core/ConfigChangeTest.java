package dev.mcpproxy.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.config.ConfigLoader;
import dev.mcpproxy.core.config.ProxyConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigChangeTest {

    private static ProxyConfig parse(String yaml) throws Exception {
        return ConfigLoader.parse(yaml, Path.of("proxy.yaml")).config();
    }

    @Test
    void serversAreToldApartByNameAndByTheirWholeEntry() throws Exception {
        ProxyConfig running = parse("""
                servers:
                  - {name: gone, command: a}
                  - {name: same, command: b}
                  - {name: edited, command: c}
                """);
        ProxyConfig next = parse("""
                servers:
                  - {name: edited, command: c, args: [--verbose]}
                  - {name: new, command: d}
                  - {name: same, command: b}
                """);

        ConfigChange change = ConfigChange.between(running, next);

        assertThat(change.added()).containsExactly("new");
        assertThat(change.removed()).containsExactly("gone");
        assertThat(change.changed()).containsExactly("edited");
        assertThat(change.unchanged()).containsExactly("same");
        assertThat(change.restartRequired()).isEmpty();
    }

    @Test
    void topLevelSettingsThatDifferAreReportedAsNeedingARestartAndTheSameFileAsNoChange() throws Exception {
        String servers = "servers:\n  - {name: one, command: a}\n";
        ProxyConfig running = parse(servers);
        ProxyConfig next = parse("""
                proxy_port: 4000
                api_port: 4001
                health_check: {enabled: false}
                max_message_size: 8
                """ + servers);

        assertThat(ConfigChange.between(running, next).restartRequired())
                .isEqualTo(List.of("proxy_port", "api_port", "health_check", "max_message_size"));
        assertThat(ConfigChange.between(running, parse(servers)).isEmpty()).isTrue();
    }

    @Test
    void aProfileOnlyEditIsAChangeNamingTheProfilesAddedEditedAndRemoved() throws Exception {
        String servers = "servers:\n  - {name: one, command: a}\n";
        ProxyConfig running = parse(servers + """
                profiles:
                  - {name: kept, servers: [{name: one}]}
                  - {name: edited, servers: [{name: one}]}
                  - {name: gone, servers: [{name: one}]}
                """);
        ProxyConfig next = parse(servers + """
                profiles:
                  - {name: kept, servers: [{name: one}]}
                  - {name: edited, servers: [{name: one, tools: {exclude: ["x*"]}}]}
                  - {name: new, servers: [{name: one}]}
                """);

        ConfigChange change = ConfigChange.between(running, next);

        assertThat(change.profiles()).containsExactly("edited", "new", "gone");
        assertThat(change.isEmpty()).isFalse();
        assertThat(ConfigChange.between(next, next).isEmpty()).isTrue();
    }
}
