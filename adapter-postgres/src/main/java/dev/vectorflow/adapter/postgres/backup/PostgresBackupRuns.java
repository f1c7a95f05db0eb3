package dev.vectorflow.adapter.postgres.backup;

import static dev.vectorflow.adapter.postgres.jooq.Tables.BACKUP_RUNS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.adapter.postgres.jooq.tables.records.BackupRunsRecord;
import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.backup.BackupRun;
import dev.vectorflow.core.backup.BackupStatus;
import dev.vectorflow.core.backup.BackupTrigger;
import dev.vectorflow.ports.out.backup.BackupRuns;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/** {@link BackupRuns} on {@code backup_runs}; rows per table are kept as a JSON object. */
public final class PostgresBackupRuns implements BackupRuns {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Long>> ROWS = new TypeReference<>() { };

    private final Supplier<DSLContext> dsl;

    public PostgresBackupRuns(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    @Override
    public void save(BackupRun run) {
        BackupRunsRecord r = dsl.get().newRecord(BACKUP_RUNS);
        r.setId(run.id());
        r.setName(run.name().value());
        r.setTrigger(run.trigger().name());
        r.setStatus(run.status().name());
        r.setStartedAt(run.startedAt().atOffset(ZoneOffset.UTC));
        r.setFinishedAt(run.finishedAt().map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null));
        r.setCreatedBy(run.createdBy());
        r.setTarget(truncate(run.target(), 1000));
        r.setTelemetryIncluded(run.telemetryIncluded());
        r.setBytes(run.bytes());
        r.setSha256(run.sha256());
        try {
            r.setTableRows(MAPPER.writeValueAsString(run.tableRows()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rows per table are always JSON", e);
        }
        r.setError(run.error().map(e -> truncate(e, 4000)).orElse(null));
        dsl.get().insertInto(BACKUP_RUNS).set(r).onConflict(BACKUP_RUNS.ID).doUpdate().set(r).execute();
    }

    @Override
    public List<BackupRun> newest(int limit) {
        return dsl.get().selectFrom(BACKUP_RUNS).orderBy(BACKUP_RUNS.STARTED_AT.desc()).limit(limit).fetch(PostgresBackupRuns::toRun);
    }

    @Override
    public Optional<BackupRun> byName(BackupName name) {
        return dsl.get().selectFrom(BACKUP_RUNS).where(BACKUP_RUNS.NAME.eq(name.value())).fetchOptional(PostgresBackupRuns::toRun);
    }

    @Override
    public Optional<BackupRun> lastOf(BackupTrigger trigger) {
        return dsl.get().selectFrom(BACKUP_RUNS).where(BACKUP_RUNS.TRIGGER.eq(trigger.name())).orderBy(BACKUP_RUNS.STARTED_AT.desc())
                .limit(1).fetchOptional(PostgresBackupRuns::toRun);
    }

    private static BackupRun toRun(BackupRunsRecord r) {
        Map<String, Long> rows;
        try {
            rows = MAPPER.readValue(r.getTableRows(), ROWS);
        } catch (JsonProcessingException e) {
            rows = Map.of();
        }
        return new BackupRun(r.getId(), new BackupName(r.getName()), BackupTrigger.valueOf(r.getTrigger()), BackupStatus.valueOf(r.getStatus()),
                r.getStartedAt().toInstant(), Optional.ofNullable(r.getFinishedAt()).map(OffsetDateTime::toInstant), r.getCreatedBy(),
                r.getTarget(), r.getTelemetryIncluded(), r.getBytes(), r.getSha256(), rows, Optional.ofNullable(r.getError()));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
