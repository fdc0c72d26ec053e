package dev.mcpproxy.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpproxy.server.SidecarProcess;
import dev.mcpproxy.server.sidecar.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's rules, each shown by {@code mcp-proxy-server} as a real process. */
class CommandLineTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String stdout, List<String> stderr) {
    }

    private Process start(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("MCP_PROXY_TOKEN", SidecarProcess.TOKEN);
        return builder.start();
    }

    private Run mcpProxyServer(String... args) throws Exception {
        Process process = start(args);
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err.lines().toList());
    }

    @Test
    void anOptionOfAnotherSubcommandIsOneMessageNamingItAndTheSubcommandWithExitCode2() throws Exception {
        Files.writeString(dir.resolve("f.json"), "{\"mcpServers\": {\"a\": {\"command\": \"a\"}}}");
        Run run = mcpProxyServer("import", "f.json", "--follow", "--port", "5");
        assertThat(run.exitCode).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(run.stderr).singleElement().asString()
                .startsWith("mcp-proxy-server: --follow is not an option of import; it takes -o/--output, --force")
                .endsWith("See mcp-proxy-server import --help.");
        assertThat(run.stdout).isEmpty();
    }

    @Test
    void anOptionBeforeTheSubcommandIsHeldToTheSubcommandToo() throws Exception {
        Run run = mcpProxyServer("--port", "5", "servers");
        assertThat(run.exitCode).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(run.stderr).singleElement().asString().startsWith("mcp-proxy-server: --port is not an option "
                + "of servers; it takes --api-port, -c/--config");
    }

    @Test
    void anOptionOfNoSubcommandIsRefusedByTheProxyItself() throws Exception {
        Run run = mcpProxyServer("--config", "proxy.yaml", "--force");
        assertThat(run.exitCode).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(run.stderr).singleElement().asString().startsWith("mcp-proxy-server: --force is not an option "
                + "of mcp-proxy-server without a command; it takes -c/--config, -p/--port, --api-port");
    }

    @Test
    void anUnknownSubcommandIsOneMessageListingTheCommands() throws Exception {
        Run run = mcpProxyServer("imprt", "f.json");
        assertThat(run.exitCode).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(run.stderr).containsExactly("mcp-proxy-server: \"imprt\" is not a command; the commands are "
                + "import, connect, servers, start, stop, restart, logs, login, secret set, secret delete, secret list. "
                + "See mcp-proxy-server --help.");
    }

    @Test
    void anOptionWithoutItsValueSaysWhatItNeeds() throws Exception {
        Run run = mcpProxyServer("import", "f.json", "-o");
        assertThat(run.exitCode).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(run.stderr).containsExactly(
                "mcp-proxy-server: -o needs a value (-o OUT.yaml or --output=OUT.yaml)");
        assertThat(mcpProxyServer("--config=").stderr).containsExactly(
                "mcp-proxy-server: --config needs a value (--config FILE or --config=FILE)");
    }

    @Test
    void aFlagGivenAValueIsRefused() throws Exception {
        Run run = mcpProxyServer("import", "f.json", "--force=yes");
        assertThat(run.exitCode).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(run.stderr).containsExactly("mcp-proxy-server: --force takes no value; give it alone");
    }

    @Test
    void aMissingOrExtraOperandIsRefused() throws Exception {
        assertThat(mcpProxyServer("import").stderr).containsExactly(
                "mcp-proxy-server: import takes one FILE. See mcp-proxy-server import --help.");
        Run run = mcpProxyServer("servers", "alpha");
        assertThat(run.exitCode).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(run.stderr).containsExactly(
                "mcp-proxy-server: servers takes no arguments, not \"alpha\". See mcp-proxy-server servers --help.");
    }

    @Test
    void aValueJoinedWithEqualsIsTakenLikeOneThatFollows() throws Exception {
        Files.writeString(dir.resolve("proxy.yaml"), "servers: []\n");
        Process sidecar = start("--config=proxy.yaml", "--port=0", "--api-port=0", "--host=127.0.0.1");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(sidecar.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith("MCP Proxy ").endsWith(" is listening");
            assertThat(out.readLine()).matches("  MCP endpoint:  http://127\\.0\\.0\\.1:\\d+/mcp");
        } finally {
            sidecar.destroy();
            assertThat(sidecar.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        Files.writeString(dir.resolve("c.json"), "{\"mcpServers\": {\"a\": {\"command\": \"a\"}}}");
        Run imported = mcpProxyServer("import", "c.json", "--output=out.yaml");
        assertThat(imported.exitCode).as(String.join("\n", imported.stderr)).isZero();
        assertThat(Files.readString(dir.resolve("out.yaml"))).contains("name: \"a\"");
    }

    @Test
    void everyValueOptionTakesBothForms() throws Exception {
        assertThat(CommandLine.parse(new String[] {"--config=a.yaml", "--port=1", "--api-port=2", "--host=::1",
                "--exit-on-stdin-eof", "--parent-pid=77", "--open"}))
                .isEqualTo(CommandLine.parse(new String[] {"-c", "a.yaml", "-p", "1", "--api-port", "2", "--host",
                        "::1", "--exit-on-stdin-eof", "--parent-pid", "77", "--open"}))
                .isEqualTo(new CommandLine.Run(Optional.of(Path.of("a.yaml")), OptionalInt.of(1), OptionalInt.of(2),
                        Optional.of("::1"), true, OptionalLong.of(77), true));
        assertThat(CommandLine.parse(new String[] {"connect", "http://x/mcp", "--header=A: 1", "-H", "B: 2"}))
                .isEqualTo(new CommandLine.Connect("http://x/mcp", List.of("A: 1", "B: 2")));
        assertThat(CommandLine.parse(new String[] {"--api-port=7", "logs", "alpha", "-f"}))
                .isEqualTo(CommandLine.parse(new String[] {"logs", "alpha", "--follow", "--api-port", "7"}))
                .isEqualTo(new CommandLine.Api("logs", Optional.of("alpha"), true, OptionalInt.of(7),
                        Optional.empty()));
    }

    @Test
    void aParentPidThatIsNoProcessNumberIsRefused() {
        for (String notAPid : List.of("app", "1", "-5")) {
            assertThatThrownBy(() -> CommandLine.parse(new String[] {"--parent-pid", notAPid}))
                    .isInstanceOf(UsageException.class).hasMessage("--parent-pid takes the pid of the process that "
                            + "starts the sidecar, not \"" + notAPid + "\"");
        }
    }

    @Test
    void eachSubcommandHasItsOwnHelp() throws Exception {
        Run run = mcpProxyServer("import", "--help");
        assertThat(run.exitCode).isZero();
        assertThat(run.stdout).startsWith("Usage: mcp-proxy-server import FILE [--output OUT.yaml] [--force]\n")
                .contains("Converts a Claude Desktop").contains("-o, --output OUT.yaml").doesNotContain("--follow");
        assertThat(mcpProxyServer("logs", "-h").stdout).contains("-f, --follow").doesNotContain("--output");
        Run all = mcpProxyServer("--help");
        assertThat(all.stdout).contains("mcp-proxy-server [--config FILE] [--port N] [--api-port M]")
                .contains("mcp-proxy-server connect URL").contains("-c, --config FILE")
                .contains("--open  ").contains("opens the UI in the browser once the api port listens")
                .contains("mcp-proxy-server COMMAND --help");
    }
}
