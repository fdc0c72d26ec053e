package dev.mcpproxy.core.secrets;

import com.github.javakeyring.Keyring;
import dev.mcpproxy.shared.OperatingSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Opens the secret store of this user: the OS credential store when it answers, else the encrypted file. */
public final class SecretStores {

    /**
     * How long the credential store has to answer its first read. A locked keyring may wait for a password prompt no
     * one will answer (a headless session), and a missing D-Bus may hang the connection; neither should keep a server
     * from starting for long.
     */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private SecretStores() {
    }

    /**
     * The store, opened on its first use rather than here: the sidecar asks for one on every start, but only a
     * config with {@code ${secret:…}} (or a secret set through the API) should pay for a D-Bus connection.
     *
     * @param warning told once per process when the values go to the encrypted file
     */
    public static SecretStore open(Map<String, String> environment, Consumer<String> warning) {
        return new LazySecretStore(() -> choose(environment, warning));
    }

    static SecretStore choose(Map<String, String> environment, Consumer<String> warning) {
        return choose(environment, warning, WARNED);
    }

    static SecretStore choose(Map<String, String> environment, Consumer<String> warning, AtomicBoolean warned) {
        String reason;
        try {
            return probedKeyring();
        } catch (SecretStoreException e) {
            reason = e.getMessage();
        }
        EncryptedFileStore file = new EncryptedFileStore(folder(OperatingSystem.current(), environment,
                Path.of(System.getProperty("user.home"))));
        if (warned.compareAndSet(false, true)) {
            warning.accept("Secrets are kept in an encrypted file, " + file.file() + ", because no credential store"
                    + " was usable (" + reason + "). Its key is in the same folder: anyone who can read your files can"
                    + " read them.");
        }
        return file;
    }

    private static KeyringStore probedKeyring() throws SecretStoreException {
        CompletableFuture<KeyringStore> opened = new CompletableFuture<>();
        Thread.ofVirtual().name("secret-store-probe").start(() -> {
            try {
                KeyringStore store = new KeyringStore(Keyring.create());
                store.probe();
                opened.complete(store);
            } catch (Throwable e) {
                opened.completeExceptionally(e);
            }
        });
        try {
            return opened.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SecretStoreException("the credential store did not answer within "
                    + PROBE_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new SecretStoreException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretStoreException("interrupted while opening the credential store");
        }
    }

    /**
     * The folder of the encrypted file: the app's state folder, as the desktop app's {@code AppFolders} chooses it
     * ({@code $XDG_STATE_HOME/mcp-proxy} or {@code ~/.local/state/mcp-proxy} on Linux, {@code ~/Library/Application
     * Support/mcp-proxy} on macOS, {@code %LOCALAPPDATA%\mcp-proxy} on Windows).
     */
    public static Path folder(OperatingSystem os, Map<String, String> environment, Path home) {
        return switch (os) {
            case LINUX -> {
                String state = environment.get("XDG_STATE_HOME");
                Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute() ? Path.of(state)
                        : home.resolve(".local").resolve("state");
                yield base.resolve("mcp-proxy");
            }
            case MACOS -> home.resolve("Library").resolve("Application Support").resolve("mcp-proxy");
            case WINDOWS -> {
                String local = environment.get("LOCALAPPDATA");
                yield (local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData").resolve("Local"))
                        .resolve("mcp-proxy");
            }
        };
    }
}
