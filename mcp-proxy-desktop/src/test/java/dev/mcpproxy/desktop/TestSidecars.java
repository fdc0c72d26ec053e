package dev.mcpproxy.desktop;

import dev.mcpproxy.desktop.backend.BackendManager;
import dev.mcpproxy.desktop.backend.FreePorts;
import dev.mcpproxy.desktop.backend.SidecarCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real sidecar of this build, and configurations for it with the demo server. */
public final class TestSidecars {

    /** Surefire runs in the module's folder; the project's is its parent. */
    public static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    public static final Path DEMO_JAR = ROOT.resolve("mcp-proxy-demo/target/mcp-proxy-demo.jar");
    public static final String TOKEN = "desktop-test-token";

    private TestSidecars() {
    }

    /** A configuration running the demo server under each name, on two free ports (not 3000, which may be busy). */
    public static String demoConfig(String... names) throws IOException {
        FreePorts.Ports ports = FreePorts.choose(0, 0);
        return demoConfig(ports, names);
    }

    public static String demoConfig(FreePorts.Ports ports, String... names) {
        StringBuilder yaml = new StringBuilder("proxy_port: " + ports.port() + "\napi_port: " + ports.apiPort()
                + "\nservers:\n");
        for (String name : names) {
            yaml.append("  - name: ").append(name).append("\n    command: java\n")
                    .append("    args: [\"-XX:+UseSerialGC\", \"-XX:TieredStopAtLevel=1\", \"-Xmx32m\", \"-jar\", \"")
                    .append(DEMO_JAR).append("\"]\n");
        }
        return names.length == 0 ? yaml.toString().replace("servers:\n", "servers: []\n") : yaml.toString();
    }

    public static Path writeConfig(Path dir, String yaml) throws IOException {
        Path config = dir.resolve("mcp-proxy-config.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    public static SidecarCommand command() throws IOException {
        return SidecarCommand.forThisMachine(SidecarCommand.fromBuild(ROOT));
    }

    /** A manager on free ports, with a short grace so that a failing test ends soon. */
    public static BackendManager manager(Path config) throws IOException {
        FreePorts.Ports ports = FreePorts.choose(0, 0);
        return new BackendManager(command(), config, TOKEN, () -> ports,
                new BackendManager.Settings(Duration.ofSeconds(30), Duration.ofSeconds(5)));
    }

    /** Every process under a pid, and the pid itself, for checking that none is left. */
    public static List<ProcessHandle> treeOf(long pid) {
        List<ProcessHandle> tree = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(root -> {
            tree.add(root);
            root.descendants().forEach(tree::add);
        });
        return tree;
    }
}
