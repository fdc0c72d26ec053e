package dev.mcpproxy.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final Path FILE = Path.of("proxy.yaml");
    private static final Map<String, String> ENV = Map.of("TOKEN", "s3cret");

    private static ProxyConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, FILE, ENV::get).config();
    }

    private static List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(yaml));
        assertThat(e).as("expected the configuration to be refused").isNotNull();
        return e.problems().stream().map(ConfigProblem::render).toList();
    }

    @Test
    void anEmptyServerListGivesTheSeedsDefaults() throws Exception {
        ProxyConfig config = parse("servers: []\n");
        assertThat(config.proxyPort()).isEqualTo(3000);
        assertThat(config.apiPort()).isEqualTo(3001);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.healthCheck().enabled()).isTrue();
        assertThat(config.servers()).isEmpty();
    }

    @Test
    void aStdioServerTakesItsCommandArgsAndEnvironment() throws Exception {
        ServerConfig server = parse("""
                servers:
                  - name: files
                    command: npx
                    args: ["-y", "server-files", "${env:HOME_DIR:-/tmp}"]
                    env: {API_TOKEN: "${env:TOKEN}", LITERAL: "$${env:TOKEN}"}
                """).servers().getFirst();
        assertThat(server.transport()).isEqualTo(Transport.STDIO);
        assertThat(server.command()).containsExactly("npx", "-y", "server-files", "/tmp");
        assertThat(server.env()).containsEntry("API_TOKEN", "s3cret").containsEntry("LITERAL", "${env:TOKEN}");
        assertThat(server.prefix()).isEqualTo("files");
        assertThat(server.enabled()).isTrue();
    }

    @Test
    void anEmptyPrefixMeansNamesAsTheServerGivesThem() throws Exception {
        assertThat(parse("servers:\n  - {name: a, command: x, prefix: \"\"}\n").servers().getFirst().prefix()).isEmpty();
    }

    @Test
    void invalidYamlIsOneMessageWithFileAndLine() {
        List<String> problems = problems("servers:\n  - name: a\n    command: [unclosed\n");
        assertThat(problems).hasSize(1);
        assertThat(problems.getFirst()).startsWith("proxy.yaml:4:").contains("not valid YAML");
    }

    @Test
    void aMisspeltKeyIsOneMessageThatSuggestsTheRightOne() {
        List<String> problems = problems("servers:\n  - name: a\n    comand: node\n");
        assertThat(problems).containsExactly(
                "proxy.yaml:3:5: servers[0].comand: is not a known setting. Did you mean `command`?");
    }

    @Test
    void aStdioServerWithoutACommandSaysWhatToAdd() {
        assertThat(problems("servers:\n  - name: a\n")).singleElement().asString()
                .startsWith("proxy.yaml:2:").contains("servers[0].command: is missing").contains("Add e.g.");
    }

    @Test
    void anUnknownTransportListsTheKnownOnes() {
        assertThat(problems("servers:\n  - {name: a, transport: websocket, url: \"http://x\"}\n")).singleElement()
                .asString().contains("servers[0].transport").contains("stdio").contains("streamable-http");
    }

    @Test
    void anHttpServerNeedsAnHttpUrl() {
        assertThat(problems("servers:\n  - {name: a, transport: sse, url: \"ftp://x\"}\n")).singleElement()
                .asString().contains("servers[0].url").contains("http");
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThat(problems("servers:\n  - {name: a, command: x}\n  - {name: a, command: y}\n")).singleElement()
                .asString().startsWith("proxy.yaml:3:").contains("servers[1].name");
    }

    @Test
    void anUnsetVariableWithoutFallbackNamesTheVariable() {
        assertThat(problems("servers:\n  - name: a\n    command: x\n    env: {K: \"${env:NOT_SET}\"}\n"))
                .singleElement().asString().startsWith("proxy.yaml:4:").contains("NOT_SET");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        assertThat(problems("proxy_port: many\nservers:\n  - {name: a}\n  - {name: b, command: y, restart: {policy: sometimes}}\n"))
                .hasSize(3);
    }

    @Test
    void maxMessageSizeIsInMebibytesDefaults32AndIsCopiedIntoEveryServer() throws Exception {
        assertThat(parse("servers:\n  - {name: a, command: x}\n").servers().getFirst().maxMessageBytes())
                .isEqualTo(32 << 20);
        ProxyConfig config = parse("max_message_size: 8\nservers:\n  - {name: a, command: x}\n");
        assertThat(config.maxMessageBytes()).isEqualTo(8 << 20);
        assertThat(config.servers().getFirst().maxMessageBytes()).isEqualTo(8 << 20);
    }

    @Test
    void aMaxMessageSizeThatIsNoWholeNumberOfMebibytesFromOneTo1024IsRefusedByName() {
        for (String size : List.of("0", "1.5", "1025", "big")) {
            assertThat(problems("max_message_size: " + size + "\n")).singleElement().asString()
                    .startsWith("proxy.yaml:1:").contains("max_message_size").contains("MiB from 1 to 1024");
        }
    }
}
