package dev.mcpproxy.server.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.server.SidecarProcess;
import dev.mcpproxy.server.cli.CommandLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real sidecar on a broken configuration: one clear line, exit code 2, nothing started or bound. */
class InvalidConfigTest {

    @TempDir
    Path dir;

    @Test
    void invalidYamlExitsWithCode2AndSaysWhere() throws Exception {
        Run run = sidecarOn("servers:\n  - name: files\n    args: [\"unclosed\"\n");
        assertThat(run.exitCode).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(run.stderr).singleElement().asString()
                .startsWith(dir.resolve("proxy.yaml") + ":4:").contains("not valid YAML").contains("Check");
        assertThat(run.stdout).isEmpty();
    }

    @Test
    void anInvalidServerEntryExitsWithCode2AndNamesTheFieldAndTheFix() throws Exception {
        Run run = sidecarOn("servers:\n  - name: files\n    transport: stdio\n    comand: npx\n");
        assertThat(run.exitCode).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(run.stderr).containsExactly(dir.resolve("proxy.yaml")
                + ":4:5: servers[0].comand: is not a known setting. Did you mean `command`?");
        assertThat(run.stdout).isEmpty();
    }

    @Test
    void aDurationOfNaNExitsWithCode2AndNamesTheFieldInsteadOfCrashLoopingTheServer() throws Exception {
        Run run = sidecarOn("health_check: {enabled: true, interval: NaN}\nservers:\n"
                + SidecarProcess.demoEntry("demo"));
        assertThat(run.exitCode).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(run.stderr).containsExactly(dir.resolve("proxy.yaml") + ":1:41: health_check.interval: NaN is "
                + "not a number of seconds. Give a number of seconds from 0.001 to 86400, e.g. 30.");
        assertThat(run.stdout).isEmpty();
    }

    private record Run(int exitCode, List<String> stdout, List<String> stderr) {
    }

    private Run sidecarOn(String yaml) throws Exception {
        Path config = dir.resolve("proxy.yaml");
        Files.writeString(config, yaml);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--config", config.toString(), "--port", "0", "--api-port", "0").start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the sidecar kept running on an invalid configuration");
        }
        return new Run(process.exitValue(), lines(process.getInputStream().readAllBytes()),
                lines(process.getErrorStream().readAllBytes()));
    }

    private static List<String> lines(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }
}
