package dev.mcpproxy.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpproxy.core.config.ConfigException;
import dev.mcpproxy.core.config.ConfigLoader;
import dev.mcpproxy.core.config.ConfigProblem;
import dev.mcpproxy.core.config.OAuthConfig;
import dev.mcpproxy.core.config.ProfileConfig;
import dev.mcpproxy.core.config.ProxyConfig;
import dev.mcpproxy.core.config.ServerConfig;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReferencesTest {

    @TempDir
    Path folder;

    private static ServerConfig server(String env) throws Exception {
        return ConfigLoader.parse("servers:\n  - name: a\n    command: x\n    env: " + env + "\n", Path.of("p.yaml"),
                name -> null).config().servers().get(0);
    }

    @Test
    void valuesReplaceReferencesAndTheLoadedConfigKeepsThem() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(folder);
        store.put("k", "v$1\\x");
        ServerConfig loaded = server("{A: \"pre-${secret:k}-post\", B: \"$${secret:k}\", C: plain}");

        ServerConfig started = new SecretReferences(store).resolve(loaded);

        assertThat(started.env()).isEqualTo(Map.of("A", "pre-v$1\\x-post", "B", "${secret:k}", "C", "plain"));
        assertThat(loaded.env()).containsEntry("A", "pre-${secret:k}-post");
    }

    @Test
    void aConfigWithoutSecretsNeverOpensTheStore() throws Exception {
        SecretStore unopenable = new LazySecretStore(() -> {
            throw new AssertionError("the store was opened");
        });
        ServerConfig loaded = server("{A: plain}");
        assertThat(new SecretReferences(unopenable).resolve(loaded)).isSameAs(loaded);
    }

    @Test
    void aMissingSecretSaysHowToSetIt() throws Exception {
        ServerConfig loaded = server("{A: \"${secret:absent}\"}");
        assertThatThrownBy(() -> new SecretReferences(new EncryptedFileStore(folder)).resolve(loaded))
                .isInstanceOf(SecretReferences.MissingSecretException.class)
                .hasMessage("env.A uses ${secret:absent}, which is not set: mcp-proxy-server secret set absent");
    }

    private static ProxyConfig withTokens(String authToken, String profileToken) throws Exception {
        return ConfigLoader.parse("auth_token: \"" + authToken + "\"\nservers: [{name: a, command: x}]\nprofiles:\n"
                + "  - {name: p, token: \"" + profileToken + "\", servers: [{name: a}]}\n  - {name: q, servers: [{name: a}]}\n",
                Path.of("p.yaml"), name -> null).config();
    }

    @Test
    void theEndpointsTokensAreReadAsTheConfigIsApplied() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(folder);
        store.put("global", "g-value");
        store.put("profile", "p-value");
        ProxyConfig loaded = withTokens("${secret:global}", "pre-${secret:profile}");

        ProxyConfig applied = new SecretReferences(store).resolveTokens(loaded);

        assertThat(applied.authToken()).contains("g-value");
        assertThat(applied.profile("p").flatMap(ProfileConfig::token)).contains("pre-p-value");
        assertThat(applied.profile("q").flatMap(ProfileConfig::token)).isEmpty();
        assertThat(applied.servers()).isEqualTo(loaded.servers());
        assertThat(loaded.authToken()).contains("${secret:global}");
    }

    @Test
    void tokensWithoutSecretsNeverOpenTheStore() throws Exception {
        SecretStore unopenable = new LazySecretStore(() -> {
            throw new AssertionError("the store was opened");
        });
        ProxyConfig plain = withTokens("plain", "other");
        assertThat(new SecretReferences(unopenable).resolveTokens(plain)).isSameAs(plain);
        ProxyConfig escaped = withTokens("plain", "$${secret:literal}");
        assertThat(new SecretReferences(unopenable).resolveTokens(escaped).profile("p").flatMap(ProfileConfig::token))
                .as("the escape is the literal text").contains("${secret:literal}");
    }

    @Test
    void everyTokenWhoseSecretIsNotSetIsOneProblem() throws Exception {
        ProxyConfig loaded = withTokens("${secret:absent-global}", "${secret:absent-profile}");
        ConfigException refused = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> new SecretReferences(new EncryptedFileStore(folder)).resolveTokens(loaded));
        assertThat(refused.problems()).extracting(ConfigProblem::render).containsExactly(
                "p.yaml: auth_token: uses ${secret:absent-global}, which is not set: "
                        + "mcp-proxy-server secret set absent-global",
                "p.yaml: profiles[0].token: uses ${secret:absent-profile}, which is not set: "
                        + "mcp-proxy-server secret set absent-profile");
    }

    @Test
    void aTokenWhoseSecretIsBlankIsRefused() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(folder);
        store.put("blank", "  ");
        ConfigException refused = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> new SecretReferences(store).resolveTokens(withTokens("${secret:blank}", "fine")));
        assertThat(refused.problems()).extracting(ConfigProblem::render)
                .containsExactly("p.yaml: auth_token: is empty once its secrets are read. Set the secret it names to a "
                        + "long random text.");
    }

    @Test
    void aClientSecretIsReadForTheSignIn() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(folder);
        store.put("client", "c-value");
        OAuthConfig resolved = new SecretReferences(store).resolve(new OAuthConfig(Optional.of("id"),
                Optional.of("${secret:client}"), List.of("mcp")));
        assertThat(resolved).isEqualTo(new OAuthConfig(Optional.of("id"), Optional.of("c-value"), List.of("mcp")));
    }
}
