package dev.vectorflow.core.backup;

import java.util.List;
import java.util.Objects;

/** One table in a backup: its columns in the order the rows hold them, how many rows, and the SHA-256 of those rows. */
public record TableSummary(String name, List<String> columns, long rows, String sha256) {

    public TableSummary {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        if (rows < 0) {
            throw new IllegalArgumentException("'rows' must not be negative but was " + rows);
        }
        Objects.requireNonNull(sha256, "sha256");
    }
}
