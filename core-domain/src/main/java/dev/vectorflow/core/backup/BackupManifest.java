package dev.vectorflow.core.backup;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backup says about itself, at the head of the file: the VectorFlow version and schema level it came from, the
 * PostgreSQL version, when, by whom and why it was taken, whether telemetry is in it (and which tables were left out),
 * every table with its row count and checksum, and the SHA-256 of all table content.
 */
public record BackupManifest(
        int format,
        String vectorflowVersion,
        SchemaLevel schema,
        String postgresVersion,
        Instant createdAt,
        String createdBy,
        BackupTrigger trigger,
        boolean telemetryIncluded,
        List<String> excludedTables,
        List<TableSummary> tables,
        String contentSha256) {

    /** The version of the file layout this build writes and reads. */
    public static final int FORMAT = 1;

    public BackupManifest {
        Objects.requireNonNull(vectorflowVersion, "vectorflowVersion");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(postgresVersion, "postgresVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(trigger, "trigger");
        excludedTables = List.copyOf(excludedTables);
        tables = List.copyOf(tables);
        Objects.requireNonNull(contentSha256, "contentSha256");
    }

    public long totalRows() {
        return tables.stream().mapToLong(TableSummary::rows).sum();
    }

    /** Rows per table, in the backup's order. */
    public Map<String, Long> rowsByTable() {
        Map<String, Long> rows = new LinkedHashMap<>();
        tables.forEach(t -> rows.put(t.name(), t.rows()));
        return rows;
    }

    public Optional<TableSummary> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
