package dev.mcpproxy.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    void aRemoteServersOauthBlockGivesItsClientAndScopes() throws Exception {
        ServerConfig server = parse("""
                servers:
                  - name: remote
                    transport: streamable-http
                    url: https://mcp.example.com/mcp
                    oauth: {client_id: proxy-client, scopes: [read, write]}
                """).servers().getFirst();
        assertThat(server.oauth()).isEqualTo(new OAuthConfig(Optional.of("proxy-client"), Optional.empty(),
                List.of("read", "write")));
        assertThat(parse("servers:\n  - {name: r, transport: sse, url: \"http://127.0.0.1:1/sse\"}\n").servers()
                .getFirst().oauth()).isEqualTo(OAuthConfig.DEFAULT);
    }

    @Test
    void anOauthBlockOnALocalServerOrWithAnUnknownKeyIsRefused() {
        assertThat(problems("servers:\n  - name: a\n    command: node\n    oauth: {client_id: x}\n"))
                .containsExactly("proxy.yaml:4:12: servers[0].oauth: is only for remote servers. Sign-in is for "
                        + "streamable-http and sse servers; a local server takes its secrets in env.");
        assertThat(problems("servers:\n  - name: r\n    transport: sse\n    url: http://127.0.0.1:1/sse\n"
                + "    oauth: {clientid: x}\n")).singleElement().asString()
                .contains("servers[0].oauth.clientid: is not a known setting. Did you mean `client_id`?");
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
    void secretReferencesInEnvAndHeadersAreKeptForTheServersStart() throws Exception {
        ProxyConfig config = parse("""
                servers:
                  - name: files
                    command: npx
                    env: {TOKEN: "${secret:files-token}", BOTH: "${env:TOKEN}:${secret:oauth/files/tokens}",
                          LITERAL: "$${secret:x}"}
                  - name: remote
                    transport: streamable-http
                    url: http://127.0.0.1:9/mcp
                    headers: {Authorization: "Bearer ${secret:remote_key.v2}"}
                """);
        assertThat(config.servers().get(0).env()).containsEntry("TOKEN", "${secret:files-token}")
                .containsEntry("BOTH", "s3cret:${secret:oauth/files/tokens}").containsEntry("LITERAL", "$${secret:x}");
        assertThat(config.servers().get(1).headers()).containsEntry("Authorization", "Bearer ${secret:remote_key.v2}");
    }

    @Test
    void secretReferencesInAClientSecretAndTheTokensAreKeptForWhereTheyAreRead() throws Exception {
        ProxyConfig config = parse("""
                servers:
                  - name: remote
                    transport: streamable-http
                    url: http://127.0.0.1:9/mcp
                    oauth: {client_id: registered, client_secret: "${secret:remote-client}"}
                """);
        assertThat(config.servers().get(0).oauth().clientSecret()).contains("${secret:remote-client}");
        ProxyConfig tokens = parse("""
                auth_token: "${secret:global-token}"
                servers: [{name: a, command: x}]
                profiles: [{name: p, token: "${secret:p-token}", servers: [{name: a}]}]
                """);
        assertThat(tokens.authToken()).as("read as the config is applied").contains("${secret:global-token}");
        assertThat(tokens.profiles().getFirst().token()).contains("${secret:p-token}");
    }

    @Test
    void aSecretWithABadNameOrOutsideEnvAndHeadersIsRefused() {
        assertThat(problems("servers:\n  - name: a\n    command: x\n    env: {K: \"${secret:has space}\"}\n"))
                .singleElement().asString().startsWith("proxy.yaml:4:").contains("is not a secret's name");
        assertThat(problems("servers:\n  - name: a\n    command: x\n    args: [\"${secret:k}\"]\n"))
                .singleElement().asString().contains("only env, headers, oauth.client_secret and tokens may use");
        assertThat(problems("servers:\n  - name: a\n    transport: sse\n    url: \"http://h/${secret:k}\"\n"))
                .first().asString().contains("only env, headers, oauth.client_secret and tokens may use");
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

    /** Every duration of the file, with {@code value} in its place, and where the problem is reported. */
    private static Map<String, String> everyDurationSetTo(String value) {
        return Map.of(
                "health_check: {interval: " + value + "}\n", "proxy.yaml:1:26: health_check.interval: ",
                "health_check: {timeout: " + value + "}\n", "proxy.yaml:1:25: health_check.timeout: ",
                "servers:\n  - {name: a, command: x, request_timeout: " + value + "}\n",
                "proxy.yaml:2:44: servers[0].request_timeout: ",
                "servers:\n  - {name: a, command: x, restart: {initial_delay: " + value + "}}\n",
                "proxy.yaml:2:52: servers[0].restart.initial_delay: ",
                "servers:\n  - {name: a, command: x, restart: {max_delay: " + value + "}}\n",
                "proxy.yaml:2:48: servers[0].restart.max_delay: ");
    }

    private static void everyDurationRefuses(String value, String what) {
        everyDurationSetTo(value).forEach((yaml, where) -> assertThat(problems(yaml)).as(yaml).singleElement()
                .asString().startsWith(where + what).contains("Give a number of seconds from 0.001 to 86400, e.g. "));
    }

    @Test
    void aDurationOfNaNIsRefusedByNameInsteadOfCrashLoopingTheServer() {
        everyDurationRefuses("NaN", "NaN is not a number of seconds.");
    }

    @Test
    void anInfiniteDurationIsRefused() {
        everyDurationRefuses("Infinity", "Infinity is not a number of seconds.");
        everyDurationRefuses("-Infinity", "-Infinity is not a number of seconds.");
    }

    @Test
    void aNegativeDurationIsRefused() {
        everyDurationRefuses("-1", "-1 is negative.");
    }

    @Test
    void aDurationOfZeroIsRefused() {
        everyDurationRefuses("0", "0 is under one millisecond.");
    }

    @Test
    void aDurationUnderOneMillisecondIsRefused() {
        everyDurationRefuses("0.0004", "0.0004 is under one millisecond.");
    }

    @Test
    void aDurationOverADayIsRefused() {
        everyDurationRefuses("86401", "86401 is more than a day.");
    }

    @Test
    void aDurationThatIsNoNumberIsRefused() {
        everyDurationSetTo(".nan").forEach((yaml, where) -> assertThat(problems(yaml)).as(yaml).singleElement()
                .asString().startsWith(where + "\".nan\" is not a number."));
    }

    @Test
    void theRefusalSaysTheFieldsDefaultAsAnExample() {
        assertThat(problems("health_check: {interval: NaN}\n")).containsExactly("proxy.yaml:1:26: "
                + "health_check.interval: NaN is not a number of seconds. Give a number of seconds from 0.001 to "
                + "86400, e.g. 30.");
        assertThat(problems("servers:\n  - {name: a, command: x, request_timeout: -2}\n")).containsExactly(
                "proxy.yaml:2:44: servers[0].request_timeout: -2 is negative. Give a number of seconds from 0.001 "
                        + "to 86400, e.g. 60.");
    }

    @Test
    void durationsFromOneMillisecondToADayAreTakenToTheMillisecond() throws Exception {
        ProxyConfig config = parse("""
                health_check: {interval: 86400, timeout: 0.001}
                servers:
                  - {name: a, command: x, request_timeout: 1.5, restart: {initial_delay: 0.0015, max_delay: 2}}
                """);
        assertThat(config.healthCheck().interval()).isEqualTo(java.time.Duration.ofDays(1));
        assertThat(config.healthCheck().timeout()).isEqualTo(java.time.Duration.ofMillis(1));
        ServerConfig server = config.servers().getFirst();
        assertThat(server.requestTimeout()).isEqualTo(java.time.Duration.ofMillis(1500));
        assertThat(server.restart().initialDelay()).isEqualTo(java.time.Duration.ofMillis(2));
        assertThat(server.restart().maxDelay()).isEqualTo(java.time.Duration.ofSeconds(2));
    }
}
