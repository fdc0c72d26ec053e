package dev.mcpproxy.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileStoreTest {

    @TempDir
    Path home;

    private Path folder() {
        return home.resolve("state").resolve("mcp-proxy");
    }

    @Test
    void valuesComeBackAndNamesAreListed() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(folder());
        store.put("github-token", "ghp_first");
        store.put("oauth/linear/tokens", "{\"access_token\":\"a\"}");
        store.put("github-token", "ghp_second");

        EncryptedFileStore reopened = new EncryptedFileStore(folder());
        assertThat(reopened.get("github-token")).contains("ghp_second");
        assertThat(reopened.get("oauth/linear/tokens")).contains("{\"access_token\":\"a\"}");
        assertThat(reopened.get("absent")).isEmpty();
        assertThat(reopened.names()).containsExactly("github-token", "oauth/linear/tokens");
        assertThat(reopened.delete("github-token")).isTrue();
        assertThat(reopened.delete("github-token")).isFalse();
        assertThat(reopened.names()).containsExactly("oauth/linear/tokens");
        assertThat(reopened.description()).contains(folder().resolve("secrets.enc").toString());
    }

    @Test
    void filesAreTheUsersAloneAndHoldNoValueInClear() throws Exception {
        new EncryptedFileStore(folder()).put("token", "plain-value-123");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder()))).isEqualTo("rwx------");
        for (String file : List.of("secrets.enc", "secrets.key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder().resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        assertThat(new String(Files.readAllBytes(folder().resolve("secrets.enc")), StandardCharsets.ISO_8859_1))
                .doesNotContain("plain-value-123").doesNotContain("token");
        try (var left = Files.list(folder())) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("secrets.enc", "secrets.key", ".secrets.lock");
        }
    }

    @Test
    void aChangedFileIsRefusedWithAMessageAndLeftAsItIs() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(folder());
        store.put("token", "value");
        Path file = folder().resolve("secrets.enc");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 1;
        Files.write(file, bytes);

        assertThatThrownBy(() -> store.get("token")).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("is damaged or was changed by another program").hasMessageContaining(
                        file.toString());
        assertThatThrownBy(() -> store.put("other", "value2")).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("is damaged");
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);

        Files.writeString(file, "not ours at all");
        assertThatThrownBy(store::names).hasMessageContaining("is damaged");
    }

    @Test
    void aMissingKeyIsNamedAndNothingIsOverwritten() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(folder());
        store.put("token", "value");
        byte[] before = Files.readAllBytes(folder().resolve("secrets.enc"));
        Files.delete(folder().resolve("secrets.key"));

        assertThatThrownBy(() -> store.get("token")).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("secrets.key is missing");
        assertThatThrownBy(() -> store.put("token", "new")).hasMessageContaining("secrets.key is missing");
        assertThat(Files.readAllBytes(folder().resolve("secrets.enc"))).isEqualTo(before);
        assertThat(folder().resolve("secrets.key")).doesNotExist();
    }

    @Test
    void aBadNameOrValueIsRefusedAndChangesNothing() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(folder());
        assertThatThrownBy(() -> store.put("has space", "v")).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("is not a secret's name");
        for (String bad : new String[] {"[names]", "/lead", "trail/", "a//b", "..", "a/../b", "./a", "a/."}) {
            assertThatThrownBy(() -> store.put(bad, "v")).as(bad).hasMessageContaining("is not a secret's name");
        }
        assertThat(SecretNames.isValid("oauth/my.server/tokens")).isTrue();
        assertThat(SecretNames.isValid("a..b/.hidden")).isTrue();
        assertThatThrownBy(() -> store.put("ok", "")).hasMessageContaining("may not be empty");
        assertThatThrownBy(() -> store.put("ok", "x".repeat(SecretNames.MAX_VALUE_LENGTH + 1)))
                .hasMessageContaining("at most");
        store.put("ok", "x".repeat(SecretNames.MAX_VALUE_LENGTH));
        assertThat(store.names()).containsExactly("ok");
    }

    @Test
    void concurrentPutsFromTwoStoresLoseNothing() throws Exception {
        EncryptedFileStore first = new EncryptedFileStore(folder());
        EncryptedFileStore second = new EncryptedFileStore(folder());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                EncryptedFileStore store = i % 2 == 0 ? first : second;
                String name = "secret-" + i;
                puts.add(pool.submit(() -> {
                    store.put(name, "value-" + name);
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(first.names()).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(second.get("secret-" + i)).contains("value-secret-" + i);
        }
    }
}
