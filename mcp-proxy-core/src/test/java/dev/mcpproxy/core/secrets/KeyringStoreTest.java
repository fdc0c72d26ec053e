package dev.mcpproxy.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Secret Service (GNOME Keyring on a private session bus). dbus-java reads the bus address from the
 * system property before the environment, which is how this JVM is pointed at the private bus.
 */
class KeyringStoreTest {

    private static final String BUS_PROPERTY = "DBUS_SESSION_BUS_ADDRESS";

    @TempDir
    static Path folder;

    private static PrivateSecretService service;

    @BeforeAll
    static void startSecretService() throws Exception {
        service = PrivateSecretService.start(folder);
        System.setProperty(BUS_PROPERTY, service.address());
    }

    @AfterAll
    static void stopSecretService() {
        System.clearProperty(BUS_PROPERTY);
        service.close();
    }

    @Test
    void theSecretServiceIsChosenAndKeepsValuesNamesAndDeletes() throws Exception {
        List<String> warnings = new ArrayList<>();
        Map<String, String> environment = Map.of("XDG_STATE_HOME", folder.resolve("state").toString());
        SecretStore store = SecretStores.choose(environment, warnings::add, new AtomicBoolean());

        assertThat(store.description()).isEqualTo("the Secret Service (the desktop's keyring)");
        assertThat(warnings).isEmpty();
        store.put("github-token", "ghp_one");
        store.put("oauth/linear/client", "{\"client_id\":\"c\"}");
        store.put("github-token", "ghp_two");

        SecretStore again = SecretStores.choose(environment, warnings::add, new AtomicBoolean());
        assertThat(again.get("github-token")).contains("ghp_two");
        assertThat(again.get("oauth/linear/client")).contains("{\"client_id\":\"c\"}");
        assertThat(again.get("never-set")).isEmpty();
        assertThat(again.names()).containsExactly("github-token", "oauth/linear/client");
        assertThat(again.delete("github-token")).isTrue();
        assertThat(again.delete("github-token")).isFalse();
        assertThat(again.get("github-token")).isEmpty();
        assertThat(again.names()).containsExactly("oauth/linear/client");
        assertThat(folder.resolve("state")).doesNotExist();
    }

    @Test
    void withNoUsableCredentialStoreTheEncryptedFileIsUsedWithOneWarning() throws Exception {
        Path state = folder.resolve("fallback");
        Map<String, String> environment = Map.of("XDG_STATE_HOME", state.toString());
        List<String> warnings = new ArrayList<>();
        AtomicBoolean warned = new AtomicBoolean();
        System.setProperty(BUS_PROPERTY, "unix:path=" + folder.resolve("no-bus-here"));
        try {
            SecretStore store = SecretStores.choose(environment, warnings::add, warned);
            store.put("token", "value");
            SecretStores.choose(environment, warnings::add, warned);

            assertThat(store.description()).isEqualTo("an encrypted file at " + state.resolve("mcp-proxy")
                    .resolve("secrets.enc"));
            assertThat(Files.exists(state.resolve("mcp-proxy").resolve("secrets.enc"))).isTrue();
            assertThat(warnings).singleElement().asString().contains("encrypted file")
                    .contains("no credential store was usable");
        } finally {
            System.setProperty(BUS_PROPERTY, service.address());
        }
    }

    @Test
    void openingTouchesNothingUntilTheFirstUse() {
        Path state = folder.resolve("lazy");
        List<String> warnings = new ArrayList<>();
        SecretStores.open(Map.of("XDG_STATE_HOME", state.toString()), warnings::add);
        assertThat(state).doesNotExist();
        assertThat(warnings).isEmpty();
    }
}
