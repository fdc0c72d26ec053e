package dev.mcpproxy.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.config.ConfigLoader;
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
}
