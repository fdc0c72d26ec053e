package dev.mcpproxy.server.sidecar;

import dev.mcpproxy.shared.OperatingSystem;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How to run this installation's {@code mcp-proxy-server} from anywhere, as a client that starts it does (Claude
 * Desktop, for the {@code connect} bridge): by absolute paths only, since such a client starts it in a folder of its
 * own choosing with a bare environment.
 */
final class Installation {

    private Installation() {
    }

    /** The program and its first arguments, to which a subcommand and its arguments are added. */
    static List<String> command() {
        Path location;
        try {
            location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the sidecar's own classes have no path", e);
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return command(location, java, System.getProperty("java.class.path"), OperatingSystem.current());
    }

    /**
     * The launcher, {@code ./mcp-proxy}, when the sidecar runs from the jar the build puts beside it
     * ({@code mcp-proxy-server/target/}): it builds when sources changed and starts with the JVM flags and class
     * cache. Else this JVM with the jar, or with the class path when there is no jar (a test run). The launcher is
     * bash, so Windows gets the JVM.
     *
     * @param location the jar or folder this class was loaded from
     */
    static List<String> command(Path location, String java, String classPath, OperatingSystem os) {
        if (!location.toString().endsWith(".jar") || !Files.isRegularFile(location)) {
            return List.of(java, "-cp", classPath, Main.class.getName());
        }
        Path jar = location.toAbsolutePath().normalize();
        Path root = jar.getParent() == null || jar.getParent().getParent() == null ? null
                : jar.getParent().getParent().getParent();
        Path launcher = root == null ? null : root.resolve("mcp-proxy");
        if (os != OperatingSystem.WINDOWS && launcher != null && Files.isRegularFile(launcher)
                && Files.isExecutable(launcher)) {
            return List.of(launcher.toString());
        }
        return List.of(java, "-jar", jar.toString());
    }
}
