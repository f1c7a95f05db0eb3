package dev.vectorflow.core.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One attempt at a backup as the server records it: which file, why and by whom, when it started and ended, how it
 * went (with the reason when it failed), where it went, its size and checksum, and the rows per table.
 */
public record BackupRun(
        UUID id,
        BackupName name,
        BackupTrigger trigger,
        BackupStatus status,
        Instant startedAt,
        Optional<Instant> finishedAt,
        String createdBy,
        String target,
        boolean telemetryIncluded,
        long bytes,
        String sha256,
        Map<String, Long> tableRows,
        Optional<String> error) {

    public BackupRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sha256, "sha256");
        tableRows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tableRows));
        Objects.requireNonNull(error, "error");
    }

    /** A run that has just begun. */
    public static BackupRun started(UUID id, BackupName name, BackupTrigger trigger, Instant at, String createdBy, String target,
                                    boolean telemetryIncluded) {
        return new BackupRun(id, name, trigger, BackupStatus.RUNNING, at, Optional.empty(), createdBy, target, telemetryIncluded, 0, "",
                Map.of(), Optional.empty());
    }

    public BackupRun succeeded(Instant at, long fileBytes, String fileSha256, Map<String, Long> rows) {
        return new BackupRun(id, name, trigger, BackupStatus.SUCCEEDED, startedAt, Optional.of(at), createdBy, target, telemetryIncluded,
                fileBytes, fileSha256, rows, Optional.empty());
    }

    public BackupRun failed(Instant at, String reason) {
        return new BackupRun(id, name, trigger, BackupStatus.FAILED, startedAt, Optional.of(at), createdBy, target, telemetryIncluded,
                bytes, sha256, tableRows, Optional.of(reason));
    }

    public Optional<Duration> duration() {
        return finishedAt.map(end -> Duration.between(startedAt, end));
    }

    public long totalRows() {
        return tableRows.values().stream().mapToLong(Long::longValue).sum();
    }
}
