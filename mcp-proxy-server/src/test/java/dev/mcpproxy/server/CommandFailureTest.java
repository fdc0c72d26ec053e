package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Commands that cannot be executed, configured in a real sidecar: each server ends failed, at once and without
 * restarts, with a last error that says what is wrong; a server beside them runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandFailureTest {

    private Path dir;
    private SidecarProcess sidecar;
    private ApiClient api;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "commands-").toAbsolutePath();
        Path notExecutable = Files.writeString(dir.resolve("server.sh"), "exit 0\n");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectories(dir.resolve("bin/a-folder"));
        String yaml = "servers:\n" + ShellResponder.entry("fine") + """
                  - name: missing
                    command: mcp-proxy-no-such-command
                  - name: missing-on-its-path
                    command: sh
                    env: {PATH: "%1$s/bin"}
                  - name: no-file
                    command: %1$s/no-such-server
                  - name: not-executable
                    command: %1$s/server.sh
                  - name: a-directory
                    command: %1$s/bin/a-folder
                  - name: relative
                    command: ./server.sh
                    cwd: %1$s
                """.formatted(dir);
        sidecar = SidecarProcess.start(dir, yaml);
        api = new ApiClient(sidecar.apiUrl);
        api.await("/api/servers/fine", s -> s.path("state").asString().equals("running"));
    }

    @AfterAll
    void stop() throws Exception {
        sidecar.close();
    }

    @Test
    void aCommandMissingFromPathSaysSoAndHowToFixIt() throws Exception {
        String error = failed("missing");
        assertThat(error).startsWith("missing: `mcp-proxy-no-such-command`: not found on PATH (")
                .endsWith("). Install it or give its full path in command.");
    }

    @Test
    void aBareCommandIsLookedUpOnThePathTheServerGets() throws Exception {
        assertThat(failed("missing-on-its-path")).contains("`sh`: not found on PATH (" + dir + "/bin)");
    }

    @Test
    void aPathThatDoesNotExistIsNoSuchFile() throws Exception {
        assertThat(failed("no-file")).contains("`" + dir + "/no-such-server`: no such file");
    }

    @Test
    void aFileWithoutExecutePermissionIsPermissionDenied() throws Exception {
        assertThat(failed("not-executable")).contains("`" + dir + "/server.sh`: permission denied (not executable");
    }

    @Test
    void aDirectoryIsNotAProgram() throws Exception {
        assertThat(failed("a-directory")).contains("`" + dir + "/bin/a-folder`: is a directory, not a program");
    }

    @Test
    void aRelativeCommandIsCheckedInTheServersWorkingDirectory() throws Exception {
        assertThat(failed("relative")).contains("`./server.sh`: permission denied (not executable",
                "(relative to " + dir + ")");
    }

    @Test
    void theOtherServersRunOn() throws Exception {
        JsonNode fine = api.get("/api/servers/fine").json();
        assertThat(fine.path("state").asString()).isEqualTo("running");
        assertThat(sidecar.process.isAlive()).isTrue();
    }

    /** Waits for the server to fail and checks it was not restarted; returns its last error. */
    private String failed(String name) throws Exception {
        JsonNode server = api.await("/api/servers/" + name, s -> !s.path("state").asString().equals("starting"));
        assertThat(server.path("state").asString()).as(server.toString()).isEqualTo("failed");
        assertThat(server.path("restarts").asInt()).isZero();
        assertThat(server.path("pid").isNull()).isTrue();
        return server.path("last_error").asString();
    }
}
