package dev.mcpproxy.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What package.sh made in target/bundle (the app image, the .deb), and a way to run a launcher to its end. */
final class Bundle {

    static final Path DIR = Path.of(System.getProperty("bundle.dir"));
    static final Path IMAGE = DIR.resolve("image").resolve("MCP Proxy");
    static final String VERSION = System.getProperty("project.version");

    private Bundle() {
    }

    static Path sidecarLauncher(Path image) {
        return image.resolve("bin").resolve("mcp-proxy-server");
    }

    static Path appLauncher(Path image) {
        return image.resolve("bin").resolve("MCP Proxy");
    }

    /** Asserts that the process is the image's sidecar: its launcher execs the image's java on the image's jar. */
    static void assertIsTheSidecarOf(Path image, long pid) throws IOException {
        Path process = Path.of("/proc", Long.toString(pid));
        assertThat(process.resolve("exe").toRealPath()).isEqualTo(image.resolve("lib/runtime/bin/java").toRealPath());
        assertThat(Files.readString(process.resolve("cmdline")).split("\0")).contains(
                "dev.mcpproxy.server.sidecar.Main").anySatisfy(argument -> assertThat(argument)
                .startsWith(image.toRealPath().resolve("lib/app/mcp-proxy-server.jar").toString()));
    }

    static Path deb() throws IOException {
        try (var files = Files.list(DIR)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("package.sh made no .deb in " + DIR));
        }
    }

    record Run(int exitCode, String output) {
    }

    /** Runs a command to its end (a minute at most), its stdout and stderr together. */
    static Run run(Map<String, String> environment, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within a minute:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }
}
