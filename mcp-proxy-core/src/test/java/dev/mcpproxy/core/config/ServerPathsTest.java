package dev.mcpproxy.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A configuration's relative working folders and bare commands anchored, its comments and layout kept. */
class ServerPathsTest {

    private static final Optional<Path> FOLDER = Optional.of(Path.of("/opt/mcp-proxy/examples"));
    private static final Map<String, Path> JAVA = Map.of("java", Path.of("/opt/jdk-25/bin/java"));

    @Test
    void relativeWorkingFoldersBecomeAbsoluteAndTheRestOfTheTextStays() throws ConfigException {
        String yaml = """
                # What this file is for.
                proxy_port: 3000
                servers:
                  - name: demo       # the demo server
                    command: java
                    args: ["-jar", "mcp-proxy-demo/target/mcp-proxy-demo.jar"]
                    cwd: ..
                  - name: tools
                    command: node
                    cwd: '../testing/node'
                  - name: fixed
                    command: ./run
                    cwd: /srv/tools
                """;

        assertThat(ServerPaths.anchored(yaml, FOLDER, JAVA)).isEqualTo("""
                # What this file is for.
                proxy_port: 3000
                servers:
                  - name: demo       # the demo server
                    command: "/opt/jdk-25/bin/java"
                    args: ["-jar", "mcp-proxy-demo/target/mcp-proxy-demo.jar"]
                    cwd: "/opt/mcp-proxy"
                  - name: tools
                    command: node
                    cwd: "/opt/mcp-proxy/testing/node"
                  - name: fixed
                    command: ./run
                    cwd: /srv/tools
                """);
    }

    @Test
    void theAnchoredTextLoadsWithTheSameServersFromAnotherFolder() throws ConfigException {
        String yaml = "servers:\n  - {name: demo, command: java, args: [\"-jar\", \"demo.jar\"], cwd: \"../build\"}\n";

        String anchored = ServerPaths.anchored(yaml, FOLDER, JAVA);
        ServerConfig server = ConfigLoader.parse(anchored, Path.of("/home/someone/.config/mcp-proxy/config.yaml"))
                .config().servers().getFirst();

        assertThat(server.cwd()).contains(Path.of("/opt/mcp-proxy/build"));
        assertThat(server.command()).containsExactly("/opt/jdk-25/bin/java", "-jar", "demo.jar");
    }

    @Test
    void withoutTheFolderTheyCameFromWorkingFoldersStayRelative() throws ConfigException {
        String yaml = "servers:\n  - {name: demo, command: java, cwd: ..}\n";

        assertThat(ServerPaths.anchored(yaml, Optional.empty(), JAVA))
                .isEqualTo("servers:\n  - {name: demo, command: \"/opt/jdk-25/bin/java\", cwd: ..}\n");
    }

    @Test
    void aTextWithNoServersIsLeftAsItIsAndOneThatIsNotYamlIsRefused() throws ConfigException {
        assertThat(ServerPaths.anchored("# nothing\nservers: []\n", FOLDER, JAVA)).isEqualTo("# nothing\nservers: []\n");
        assertThatThrownBy(() -> ServerPaths.anchored("servers: [\n", FOLDER, JAVA))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }
}
