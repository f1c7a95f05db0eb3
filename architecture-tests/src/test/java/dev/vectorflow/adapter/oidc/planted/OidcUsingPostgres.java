package dev.vectorflow.adapter.oidc.planted;

import dev.vectorflow.adapter.postgres.PostgresStore;

/** Planted violation: the OpenID Connect adapter reaching into the persistence adapter. */
public final class OidcUsingPostgres {

    public String describe(PostgresStore store) {
        return store.description();
    }
}
