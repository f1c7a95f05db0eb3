package dev.vectorflow.ports.in.system;

import java.util.Map;

/** Query: the server's own load figures for operators and the load benchmark (write queue, flushes, database size). */
@FunctionalInterface
public interface ServerStatsQueries {

    /** Named figures, such as {@code telemetryQueued} or {@code databaseBytes}. */
    Map<String, Number> stats();
}
