package dev.vectorflow.adapter.notify.planted;

import dev.vectorflow.adapter.postgres.PostgresStore;

/** Planted violation: the notification adapter reaching into the persistence adapter. */
public final class NotifyUsingPostgres {

    public String describe(PostgresStore store) {
        return store.description();
    }
}
