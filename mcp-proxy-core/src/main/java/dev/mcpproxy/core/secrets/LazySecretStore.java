package dev.mcpproxy.core.secrets;

import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Supplier;

/** A store chosen on its first use; see {@link SecretStores#open}. */
final class LazySecretStore implements SecretStore {

    private final Supplier<SecretStore> opener;
    private SecretStore store;

    LazySecretStore(Supplier<SecretStore> opener) {
        this.opener = opener;
    }

    private synchronized SecretStore store() {
        if (store == null) {
            store = opener.get();
        }
        return store;
    }

    @Override
    public Optional<String> get(String name) throws SecretStoreException {
        return store().get(name);
    }

    @Override
    public void put(String name, String value) throws SecretStoreException {
        store().put(name, value);
    }

    @Override
    public boolean delete(String name) throws SecretStoreException {
        return store().delete(name);
    }

    @Override
    public SortedSet<String> names() throws SecretStoreException {
        return store().names();
    }

    @Override
    public String description() {
        return store().description();
    }
}
