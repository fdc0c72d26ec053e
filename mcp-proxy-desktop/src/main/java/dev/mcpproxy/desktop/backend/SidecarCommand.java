package dev.mcpproxy.desktop.backend;

import dev.mcpproxy.shared.OperatingSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the sidecar is started on one operating system: always by absolute paths, never a name looked up on
 * {@code PATH}: from a build, a JVM and the sidecar's jar with the JVM flags of {@code jvm.options}; from the app's
 * image, the image's own {@code mcp-proxy-server} launcher, which holds those flags itself. Per platform (the seed's
 * §6):
 * <ul>
 * <li>Linux: under {@code setsid}, so that the sidecar leads a process group of its own;
 * <li>macOS: under {@code nice -n 10}, so that the proxy yields to the user's foreground work;
 * <li>Windows: {@code javaw.exe}, the JVM launcher that opens no console window (the JDK starts every child of the
 * sidecar with {@code CREATE_NO_WINDOW}, so the upstream servers open none either); the image's launcher is built
 * without a console too.
 * </ul>
 * On each, {@code --parent-pid} with this app's pid: on Linux the sidecar asks the kernel for SIGTERM when the app
 * dies (elsewhere it does nothing with it), beside {@code --exit-on-stdin-eof}, which ends it when its stdin does.
 * Building the argument list does no I/O, so that every platform's is unit-tested on every platform.
 *
 * @param os      the platform the command is for
 * @param javaHome the Java runtime to run the sidecar with
 * @param setsid  util-linux's setsid where Linux has it
 */
public record SidecarCommand(OperatingSystem os, Path javaHome, Optional<Path> setsid, Sidecar sidecar) {

    /** What runs as the sidecar: the build's jar or the image's launcher. */
    public sealed interface Sidecar permits SidecarJar, ImageLauncher {
    }

    /** The sidecar's jar, its JVM flags, and the class cache the launcher trained for it, if there is one. */
    public record SidecarJar(Path jar, List<String> jvmFlags, Optional<Path> aotCache) implements Sidecar {
    }

    /** The app image's {@code mcp-proxy-server} launcher (its runtime, flags and class cache are the image's). */
    public record ImageLauncher(Path launcher) implements Sidecar {
    }

    /** For this machine: this JVM's runtime, and setsid where it is. */
    public static SidecarCommand forThisMachine(Sidecar sidecar) {
        OperatingSystem os = OperatingSystem.current();
        Optional<Path> setsid = os != OperatingSystem.LINUX ? Optional.empty()
                : List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream().filter(Files::isExecutable)
                        .findFirst();
        return new SidecarCommand(os, Path.of(System.getProperty("java.home")), setsid, sidecar);
    }

    public List<String> argv(Path config, int port, int apiPort) {
        List<String> argv = new ArrayList<>();
        switch (os) {
            case LINUX -> setsid.ifPresent(path -> argv.add(path.toString()));
            case MACOS -> argv.addAll(List.of("/usr/bin/nice", "-n", "10"));
            case WINDOWS -> { }
        }
        switch (sidecar) {
            case ImageLauncher image -> argv.add(image.launcher().toString());
            case SidecarJar jar -> {
                argv.add(javaHome.resolve("bin").resolve(os == OperatingSystem.WINDOWS ? "javaw.exe" : "java")
                        .toString());
                argv.addAll(jar.jvmFlags());
                jar.aotCache().ifPresent(cache -> argv.add("-XX:AOTCache=" + cache));
                argv.addAll(List.of("-jar", jar.jar().toString()));
            }
        }
        argv.addAll(List.of("--config", config.toString(),
                "--port", Integer.toString(port), "--api-port", Integer.toString(apiPort), "--exit-on-stdin-eof",
                "--parent-pid", Long.toString(ProcessHandle.current().pid())));
        return argv;
    }

    /**
     * Readies the sidecar's environment, the app's own otherwise. jpackage's launcher marks the app's with
     * {@code _JPACKAGE_LAUNCHER}, its note to itself that it runs as the second stage of its own start; the image's
     * sidecar launcher, seeing it, would pass its arguments to the JVM as options, so it is dropped.
     */
    public void prepareEnvironment(Map<String, String> environment) {
        if (sidecar instanceof ImageLauncher) {
            environment.remove("_JPACKAGE_LAUNCHER");
        }
    }

    /**
     * The sidecar of the build this app runs from: {@code mcp-proxy-server/target/mcp-proxy-server.jar} beside this
     * module, with {@code mcp-proxy-server/jvm.options}, and the launcher's class cache when it is newer than the jar.
     *
     * @param root the project's folder
     */
    public static SidecarJar fromBuild(Path root) throws IOException {
        Path server = root.toAbsolutePath().normalize().resolve("mcp-proxy-server");
        Path jar = server.resolve("target").resolve("mcp-proxy-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException("The sidecar is not built: " + jar + " is missing. Build it with ./mvnw install "
                    + "-DskipTests, or start the app with ./mcp-proxy desktop, which builds it.");
        }
        List<String> flags = Files.readAllLines(server.resolve("jvm.options")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        Path cache = server.resolve("target").resolve("mcp-proxy-server.aot");
        boolean cacheFits = Files.isRegularFile(cache)
                && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) >= 0;
        return new SidecarJar(jar, flags, cacheFits ? Optional.of(cache) : Optional.empty());
    }

    /**
     * The sidecar of the app image this app runs from: the {@code mcp-proxy-server} launcher beside the app's own
     * (jpackage puts every launcher of an image in one folder: {@code bin/} on Linux, {@code Contents/MacOS} on
     * macOS, the image's root on Windows).
     *
     * @param appLauncher the app's own launcher, which jpackage's launcher names in {@code jpackage.app-path}
     */
    public static ImageLauncher fromAppImage(OperatingSystem os, Path appLauncher) throws IOException {
        Path launcher = appLauncher.toAbsolutePath().normalize()
                .resolveSibling(os == OperatingSystem.WINDOWS ? "mcp-proxy-server.exe" : "mcp-proxy-server");
        if (!Files.isExecutable(launcher)) {
            throw new IOException("The app's sidecar is missing: " + launcher + " is not there or not executable. "
                    + "Install MCP Proxy again.");
        }
        return new ImageLauncher(launcher);
    }
}
