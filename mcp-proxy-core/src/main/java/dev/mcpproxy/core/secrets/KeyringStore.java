package dev.mcpproxy.core.secrets;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.Arrays;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The operating system's credential store, through java-keyring: the Secret Service (GNOME Keyring, KWallet) on
 * Linux, the Keychain on macOS, the Credential Manager on Windows. Each secret is one entry of service
 * {@code mcp-proxy}, its account the secret's name.
 */
final class KeyringStore implements SecretStore {

    static final String SERVICE = "mcp-proxy";
    /**
     * java-keyring can read, write and delete one entry but not list them (nor can the Keychain or the Credential
     * Manager list by service without extra native calls), so the names are kept in one more entry. Its account has
     * brackets, which no secret's name may have, so it can never be mistaken for one.
     */
    static final String INDEX = "[names]";

    private final Keyring keyring;
    private final String description;

    KeyringStore(Keyring keyring) {
        this.keyring = keyring;
        this.description = switch (keyring.getKeyringStorageType()) {
            case GNOME_KEYRING -> "the Secret Service (the desktop's keyring)";
            case KWALLET -> "KWallet";
            case OSX_KEYCHAIN, LEGACY_OSX_KEYCHAIN -> "the macOS Keychain";
            case WINDOWS_CREDENTIAL_STORE -> "the Windows Credential Manager";
        };
    }

    /** A read the store must answer, found or not: it fails when the store is locked or gone. */
    void probe() throws SecretStoreException {
        index();
    }

    @Override
    public synchronized Optional<String> get(String name) throws SecretStoreException {
        SecretNames.check(name);
        try {
            return Optional.of(keyring.getPassword(SERVICE, name));
        } catch (PasswordAccessException e) {
            // The library answers "not found" and "could not read" with the same exception: the index tells them apart.
            if (index().contains(name)) {
                throw failed("read", e);
            }
            return Optional.empty();
        }
    }

    @Override
    public synchronized void put(String name, String value) throws SecretStoreException {
        SecretNames.check(name);
        SecretNames.checkValue(value);
        try {
            keyring.setPassword(SERVICE, name, value);
        } catch (PasswordAccessException e) {
            throw failed("write", e);
        }
        SortedSet<String> names = index();
        if (names.add(name)) {
            writeIndex(names);
        }
    }

    @Override
    public synchronized boolean delete(String name) throws SecretStoreException {
        SecretNames.check(name);
        SortedSet<String> names = index();
        boolean had;
        try {
            keyring.deletePassword(SERVICE, name);
            had = true;
        } catch (PasswordAccessException e) {
            if (names.contains(name) && get(name).isPresent()) {
                throw failed("delete", e);
            }
            had = false;
        }
        if (names.remove(name)) {
            writeIndex(names);
        }
        return had;
    }

    @Override
    public synchronized SortedSet<String> names() throws SecretStoreException {
        return index();
    }

    @Override
    public String description() {
        return description;
    }

    private SortedSet<String> index() throws SecretStoreException {
        String text;
        try {
            text = keyring.getPassword(SERVICE, INDEX);
        } catch (PasswordAccessException e) {
            return new TreeSet<>();
        } catch (RuntimeException e) {
            throw failed("read", e);
        }
        TreeSet<String> names = new TreeSet<>();
        Arrays.stream(text.split("\n")).filter(SecretNames::isValid).forEach(names::add);
        return names;
    }

    private void writeIndex(SortedSet<String> names) throws SecretStoreException {
        try {
            if (names.isEmpty()) {
                keyring.deletePassword(SERVICE, INDEX);
            } else {
                keyring.setPassword(SERVICE, INDEX, String.join("\n", names));
            }
        } catch (PasswordAccessException e) {
            throw failed("write", e);
        }
    }

    private SecretStoreException failed(String what, Exception e) {
        return new SecretStoreException("Could not " + what + " " + description + ": " + e.getMessage()
                + ". Unlock it, or see that it is running.", e);
    }
}
