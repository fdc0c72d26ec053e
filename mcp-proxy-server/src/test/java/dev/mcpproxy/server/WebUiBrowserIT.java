package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web UI's browser tests (mcp-proxy-web/e2e, Playwright driving Debian's Chromium headless) against the sidecar
 * this build packaged: they run here, after the jar is made, because they start it. Their screenshots land in
 * mcp-proxy-web/target/screenshots.
 */
class WebUiBrowserIT {

    private static final Path WEB = Path.of("../mcp-proxy-web").toAbsolutePath().normalize();

    @Test
    void theBrowserTestsPass() throws Exception {
        Path cli = WEB.resolve("node_modules/@playwright/test/cli.js");
        assertThat(cli).as("the web module's npm packages (its build installs them)").exists();
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assertThat(Path.of(chromium)).as("Debian's chromium (.ci/run installs it)").exists();
        String java = ProcessHandle.current().info().command().orElseThrow();
        // Its report goes to a file, not to this JVM's output, which carries surefire's own messages.
        Path report = Files.createDirectories(WEB.resolve("target")).resolve("e2e-report.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of("node", cli.toString(), "test"))
                .directory(WEB.toFile()).redirectErrorStream(true).redirectOutput(report.toFile());
        builder.environment().put("MCP_PROXY_JAVA", java);
        builder.environment().put("MCP_PROXY_NODE_MODULES", SidecarProcess.nodeModules().toString());
        builder.environment().put("CHROMIUM", chromium);
        builder.environment().put("PATH", Path.of(java).getParent() + File.pathSeparator + System.getenv("PATH"));
        Process run = builder.start();
        try {
            assertThat(run.waitFor(20, TimeUnit.MINUTES)).as("the browser tests finished").isTrue();
        } finally {
            run.descendants().forEach(ProcessHandle::destroy);
            run.destroy();
        }
        String text = Files.readString(report);
        System.out.println(text);
        assertThat(run.exitValue()).as("the browser tests' exit status; their report:\n" + text).isZero();
        try (var shots = Files.list(WEB.resolve("target/screenshots"))) {
            assertThat(shots.map(p -> p.getFileName().toString()))
                    .contains("servers-light.png", "servers-dark.png");
        }
    }
}
