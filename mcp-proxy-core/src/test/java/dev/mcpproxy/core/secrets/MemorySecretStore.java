package dev.mcpproxy.core.secrets;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Values held in memory only: the store of the sign-in tests, which check what is stored and where it is not.
 */
public final class MemorySecretStore implements SecretStore {

    private final Map<String, String> values = new ConcurrentSkipListMap<>();

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public void put(String name, String value) {
        values.put(name, value);
    }

    @Override
    public boolean delete(String name) {
        return values.remove(name) != null;
    }

    @Override
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(values.keySet()));
    }

    @Override
    public String description() {
        return "the sidecar's memory (values are lost when it exits)";
    }
}
