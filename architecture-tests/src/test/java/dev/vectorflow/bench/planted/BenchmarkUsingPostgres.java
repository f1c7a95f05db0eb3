package dev.vectorflow.bench.planted;

import dev.vectorflow.adapter.postgres.PostgresStore;

/** Planted violation: a library benchmark that needs the server's database. */
public final class BenchmarkUsingPostgres {

    PostgresStore store;
}
