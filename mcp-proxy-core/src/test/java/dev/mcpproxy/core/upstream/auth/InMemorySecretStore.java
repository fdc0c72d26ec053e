package dev.mcpproxy.core.upstream.auth;

import dev.mcpproxy.core.secrets.SecretStore;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/** A secret store in memory: the real stores are another package's, and sign-in only needs the interface. */
final class InMemorySecretStore implements SecretStore {

    final Map<String, String> values = new ConcurrentSkipListMap<>();

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
        return "memory";
    }
}
