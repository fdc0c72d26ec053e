package dev.mcpproxy.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.secrets.EncryptedFileStore;
import dev.mcpproxy.server.sidecar.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcp-proxy-server secret …} as a real process, with no session bus, so on the encrypted file in the state
 * folder the test gives it: the value comes from stdin, never from the command line.
 */
class SecretCommandTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run secret(String stdin, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "secret"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        builder.environment().remove("DISPLAY");
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err);
    }

    @Test
    void setListAndDeleteWithTheValueFromStdin() throws Exception {
        Run set = secret("ghp_from_stdin\n", "set", "oauth/github/tokens");
        assertThat(set.exitCode()).as(set.stderr()).isZero();
        assertThat(set.stderr()).contains("Set oauth/github/tokens in an encrypted file at")
                .contains("warning: Secrets are kept in an encrypted file").doesNotContain("ghp_from_stdin");
        EncryptedFileStore store = new EncryptedFileStore(dir.resolve("state").resolve("mcp-proxy"));
        assertThat(store.get("oauth/github/tokens")).contains("ghp_from_stdin");

        Run list = secret("", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.stdout()).isEqualTo("oauth/github/tokens\n");

        assertThat(secret("", "delete", "oauth/github/tokens").exitCode()).isZero();
        Run again = secret("", "delete", "oauth/github/tokens");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("no secret is named oauth/github/tokens");
        assertThat(store.names()).isEmpty();
    }

    @Test
    void noValueABadNameOrAValueAsArgumentIsRefusedAndChangesNothing() throws Exception {
        Run empty = secret("", "set", "token");
        assertThat(empty.exitCode()).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(empty.stderr()).contains("no value on stdin; nothing was changed");

        Run badName = secret("v", "set", "has space");
        assertThat(badName.exitCode()).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(badName.stderr()).contains("is not a secret's name");

        Run valueAsArgument = secret("", "set", "token", "the-value");
        assertThat(valueAsArgument.exitCode()).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(valueAsArgument.stderr()).contains("secret set takes one NAME");

        Run bare = secret("");
        assertThat(bare.exitCode()).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(bare.stderr()).contains("\"secret\" is not a command").contains("secret set");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void helpSaysWhereTheValueComesFrom() throws Exception {
        Run help = secret("", "set", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).startsWith("Usage: mcp-proxy-server secret set NAME\n")
                .contains("read from stdin").contains("${secret:NAME}");
    }
}
