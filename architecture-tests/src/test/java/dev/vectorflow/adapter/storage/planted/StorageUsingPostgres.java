package dev.vectorflow.adapter.storage.planted;

import dev.vectorflow.adapter.postgres.PostgresStore;

/** Planted violation: the storage adapter reaching into the persistence adapter. */
public final class StorageUsingPostgres {

    public String describe(PostgresStore store) {
        return store.description();
    }
}
