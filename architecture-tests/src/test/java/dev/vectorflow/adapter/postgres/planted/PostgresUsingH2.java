package dev.vectorflow.adapter.postgres.planted;

/** Planted violation: a second SQL dialect. */
public class PostgresUsingH2 {
    public Object dialect() {
        return org.jooq.SQLDialect.H2;
    }
}
