package dev.mcpproxy.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileConfigTest {

    private static final String SERVERS = """
            servers:
              - {name: files, command: x}
              - {name: github-issues, command: x}
              - {name: github-code, command: x}
            """;

    private static ProxyConfig parse(String profiles) throws ConfigException {
        return ConfigLoader.parse(SERVERS + profiles, Path.of("proxy.yaml"), Map.of("TOKEN", "s3cret")::get).config();
    }

    private static List<String> problems(String profiles) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(profiles));
        assertThat(e).as("expected the configuration to be refused").isNotNull();
        return e.problems().stream().map(ConfigProblem::render).toList();
    }

    @Test
    void aProfileTakesServersByNameOrGlobWithToolGlobsAndAnEnvironmentToken() throws Exception {
        ProfileConfig profile = parse("""
                profiles:
                  - name: coding
                    token: ${env:TOKEN}
                    servers:
                      - name: files
                        tools: {include: ["read_*"], exclude: ["read_secret"]}
                      - name: github-*
                """).profile("coding").orElseThrow();
        assertThat(profile.token()).contains("s3cret");
        assertThat(profile.takes("github-code")).isTrue();
        assertThat(profile.takes("other")).isFalse();
        assertThat(profile.showsTool("files", "read_file")).isTrue();
        assertThat(profile.showsTool("files", "read_secret")).isFalse();
        assertThat(profile.showsTool("files", "write_file")).isFalse();
        assertThat(profile.showsTool("github-issues", "anything")).isTrue();
    }

    @Test
    void noProfilesIsAnEmptyList() throws Exception {
        assertThat(parse("").profiles()).isEmpty();
    }

    @Test
    void anUnknownKeyIsRefusedWithTheNearestKnownOne() {
        assertThat(problems("profiles:\n  - {name: a, servers: [{name: files}], tokn: x}\n"))
                .containsExactly("proxy.yaml:6:41: profiles[0].tokn: is not a known setting. Did you mean `token`?");
        assertThat(problems("profiles:\n  - {name: a, servers: [{name: files, tool: {}}]}\n"))
                .singleElement().asString().contains("profiles[0].servers[0].tool: is not a known setting.");
        assertThat(problems("profiles:\n  - {name: a, servers: [{name: files, tools: {includes: []}}]}\n"))
                .singleElement().asString().contains("tools.includes: is not a known setting. Did you mean `include`?");
    }

    @Test
    void aDuplicateNameIsRefusedNamingTheFirstLine() {
        assertThat(problems("""
                profiles:
                  - {name: a, servers: [{name: files}]}
                  - {name: a, servers: [{name: files}]}
                """)).containsExactly("proxy.yaml:7:12: profiles[1].name: \"a\" is already the name of the profile on "
                + "line 6. Give each profile its own name.");
    }

    @Test
    void aNameThatIsNotPathSafeIsRefused() {
        assertThat(problems("profiles:\n  - {name: \"../x\", servers: [{name: files}]}\n"))
                .singleElement().asString().contains("profiles[0].name: \"../x\" is not a usable name")
                .contains("Use letters, digits, - and _");
        assertThat(problems("profiles:\n  - {servers: [{name: files}]}\n"))
                .singleElement().asString().contains("profiles[0].name: is missing.");
    }

    @Test
    void aServerReferenceThatMatchesNoServerIsRefusedWithASuggestion() {
        assertThat(problems("profiles:\n  - {name: a, servers: [{name: fils}]}\n"))
                .containsExactly("proxy.yaml:6:32: profiles[0].servers[0].name: \"fils\" matches no server. "
                        + "Did you mean `files`?");
        assertThat(problems("profiles:\n  - {name: a, servers: [{name: \"gitlab-*\"}]}\n"))
                .singleElement().asString().contains("\"gitlab-*\" matches no server. Servers: files, github-issues, "
                        + "github-code.");
    }

    @Test
    void aProfileNamingAServerWithProblemsOfItsOwnAddsNoProblem() {
        assertThat(problems("""
                  - {name: broken, transport: stdoi, command: x}
                profiles:
                  - {name: a, servers: [{name: broken}]}
                """)).singleElement().asString().contains("servers[3].transport: \"stdoi\" is not a transport.");
    }

    @Test
    void aBracketInAGlobIsItselfSoMatchesNoServerHere() {
        assertThat(problems("profiles:\n  - {name: a, servers: [{name: \"files[\"}]}\n"))
                .singleElement().asString().contains("\"files[\" matches no server.", "Did you mean `files`?");
    }

    @Test
    void toolGlobsMustBeListsOfStrings() {
        assertThat(problems("profiles:\n  - {name: a, servers: [{name: files, tools: {include: read}}]}\n"))
                .singleElement().asString().contains("tools.include: expected a list of strings.");
    }

    @Test
    void serversMustBeGivenAsAListAndAnEmptyTokenIsRefused() {
        assertThat(problems("profiles:\n  - {name: a}\n")).singleElement().asString()
                .contains("profiles[0].servers: is missing.");
        assertThat(problems("profiles:\n  - {name: a, servers: files}\n")).singleElement().asString()
                .contains("profiles[0].servers: expected a list of servers.");
        assertThat(problems("profiles:\n  - {name: a, servers: [{name: files}], token: \"\"}\n"))
                .singleElement().asString().contains("profiles[0].token: is empty.");
        assertThat(problems("profiles: {name: a}\n")).singleElement().asString()
                .contains("profiles: expected a list of profiles.");
    }
}
