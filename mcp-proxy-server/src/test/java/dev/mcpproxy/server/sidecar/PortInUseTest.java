package dev.mcpproxy.server.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.server.ShellResponder;
import dev.mcpproxy.server.SidecarProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servers start before the ports are bound (their start then runs beside the sidecar's): when a port turns out
 * to be taken, the sidecar says which and what to do, exits 1, and leaves no server of its own running.
 */
class PortInUseTest {

    @TempDir
    Path dir;

    @Test
    void aTakenPortIsNamedAndTheServersAlreadyStartedAreStoppedAgain() throws Exception {
        Path pidFile = dir.resolve("server.pid");
        String yaml = """
                servers:
                  - name: early
                    command: sh
                    args: ["-c", "echo $$ > '%s'; exec sh '%s'"]
                """.formatted(pidFile, ShellResponder.script());
        Path config = Files.writeString(dir.resolve("mcp-proxy-config.yaml"), yaml);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
            command.addAll(SidecarProcess.launcherFlags());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--config", config.toString(), "--port", String.valueOf(taken.getLocalPort()), "--api-port", "0"));
            Process sidecar = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertThat(sidecar.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(sidecar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(sidecar.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use by another "
                    + "program. Stop it or set proxy_port (or --port) in " + config + ".");
            assertThat(output).doesNotContain("Exception").doesNotContain("listening");
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("the server started before the port was found taken").isFalse();
            }
        }
    }
}
