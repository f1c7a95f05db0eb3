package dev.vectorflow.adapter.http.planted;

import dev.vectorflow.adapter.postgres.PostgresStore;

/** Planted violation: one adapter (http) using another (postgres). */
public class HttpUsingPostgres {
    public Object environments(PostgresStore store) {
        return store.environments();
    }
}
