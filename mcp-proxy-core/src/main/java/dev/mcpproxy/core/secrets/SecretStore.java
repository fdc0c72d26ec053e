package dev.mcpproxy.core.secrets;

import java.util.Optional;
import java.util.SortedSet;

/**
 * Where secret values live: the operating system's credential store where one is usable, else a file only the user
 * can read, encrypted at rest. Names are not secret; values never leave through the API, the logs or the config.
 */
public interface SecretStore {

    /** The value stored under {@code name}, if there is one. */
    Optional<String> get(String name) throws SecretStoreException;

    /** Stores {@code value} under {@code name}, replacing any value it had. */
    void put(String name, String value) throws SecretStoreException;

    /** Deletes the value stored under {@code name}; whether there was one. */
    boolean delete(String name) throws SecretStoreException;

    /** The names that have a value, never the values. */
    SortedSet<String> names() throws SecretStoreException;

    /** Where the values are kept, in words for a user ("the Secret Service", "an encrypted file at …"). */
    String description();
}
