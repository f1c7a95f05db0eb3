package dev.vectorflow.adapter.http.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.core.backup.BackupManifest;
import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.backup.BackupRun;
import dev.vectorflow.core.backup.TableSummary;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.backup.BackupCheck;
import dev.vectorflow.ports.in.backup.BackupQueries;
import dev.vectorflow.ports.in.backup.BackupSource;
import dev.vectorflow.ports.in.backup.CreateBackupCommand;
import dev.vectorflow.ports.in.backup.CreateBackupUseCase;
import dev.vectorflow.ports.in.backup.DownloadBackupUseCase;
import dev.vectorflow.ports.in.backup.RestoreBackupCommand;
import dev.vectorflow.ports.in.backup.RestoreBackupUseCase;
import dev.vectorflow.ports.in.backup.RestoreStatus;
import dev.vectorflow.ports.in.backup.VerifyBackupUseCase;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Backups for platform admins: {@code GET/POST /api/backups}, {@code GET /api/backups/{backupName}/download},
 * {@code POST …/verify} (a dry run), {@code POST …/restore} (with the backup's name typed again as {@code confirm}) and
 * {@code GET /api/restore} (the progress of the last restore). While a restore runs, every other API call is answered
 * 503 with {@code Retry-After}: agents keep their pipelines running and come back afterwards.
 */
public final class BackupController {

    /** A backup as the list shows it. */
    public record BackupResponse(String name, String status, String trigger, Instant startedAt, Instant finishedAt, Long durationMillis,
                                 String createdBy, String target, boolean telemetryIncluded, long bytes, String sha256, long rows,
                                 Map<String, Long> tableRows, String error, boolean available) {
        static BackupResponse fromDomain(BackupRun r, boolean available) {
            return new BackupResponse(r.name().value(), r.status().name(), r.trigger().name(), r.startedAt(), r.finishedAt().orElse(null),
                    r.duration().map(java.time.Duration::toMillis).orElse(null), r.createdBy(), r.target(), r.telemetryIncluded(), r.bytes(),
                    r.sha256().isEmpty() ? null : r.sha256(), r.totalRows(), r.tableRows(), r.error().orElse(null), available);
        }
    }

    /** Where a restore stands. */
    public record RestoreResponse(String source, String phase, boolean running, Instant startedAt, Instant finishedAt, int tablesDone,
                                  int tablesTotal, long rowsRestored, String preRestoreBackup, String auditVerification, String error) {
        static RestoreResponse fromDomain(RestoreStatus s) {
            return new RestoreResponse(s.source(), s.phase().name(), s.running(), s.startedAt(), s.finishedAt().orElse(null), s.tablesDone(),
                    s.tablesTotal(), s.rowsRestored(), s.preRestoreBackup().map(BackupName::value).orElse(null),
                    s.auditVerification().orElse(null), s.error().orElse(null));
        }
    }

    /** What a dry run found. */
    public record CheckResponse(String name, long bytes, String sha256, int format, String vectorflowVersion, int schemaChangesets,
                                String schemaLastChangeset, int buildSchemaChangesets, String postgresVersion, Instant createdAt,
                                String createdBy, String trigger, boolean telemetryIncluded, List<String> excludedTables,
                                Map<String, Long> tableRows, long rows, String contentSha256, boolean preRestoreBackupFirst) {
        static CheckResponse fromDomain(BackupCheck c) {
            BackupManifest m = c.manifest();
            Map<String, Long> rows = new LinkedHashMap<>();
            for (TableSummary t : m.tables()) {
                rows.put(t.name(), t.rows());
            }
            return new CheckResponse(c.source(), c.bytes(), c.sha256(), m.format(), m.vectorflowVersion(), m.schema().changesets(),
                    m.schema().lastChangeset(), c.buildSchema().changesets(), m.postgresVersion(), m.createdAt(), m.createdBy(), m.trigger().name(),
                    m.telemetryIncluded(), m.excludedTables(), rows, m.totalRows(), m.contentSha256(), c.preRestoreBackupFirst());
        }
    }

    /** What a server answers while it restores (besides these). */
    private static final Set<String> OPEN_DURING_RESTORE = Set.of("/api/health", "/api/ready", "/api/restore", "/api/session");

    private final CreateBackupUseCase create;
    private final VerifyBackupUseCase verify;
    private final RestoreBackupUseCase restore;
    private final DownloadBackupUseCase download;
    private final BackupQueries queries;
    private final JsonBodyReader bodies;

    public BackupController(CreateBackupUseCase create, VerifyBackupUseCase verify, RestoreBackupUseCase restore, DownloadBackupUseCase download,
                            BackupQueries queries, JsonBodyReader bodies) {
        this.create = create;
        this.verify = verify;
        this.restore = restore;
        this.download = download;
        this.queries = queries;
        this.bodies = bodies;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/backups", Access.platformAdmin(), this::list);
        routes.post("/api/backups", Access.platformAdmin(), this::start);
        routes.get("/api/backups/{backupName}/download", Access.platformAdmin(), this::download);
        routes.post("/api/backups/{backupName}/verify", Access.platformAdmin(), this::verify);
        routes.post("/api/backups/{backupName}/restore", Access.platformAdmin(), this::restore);
        routes.get("/api/restore", Access.platformAdmin(), this::restoreStatus);
    }

    /** Runs before every API call: while a restore runs, only health, readiness, the session and the restore's progress answer. */
    public void refuseWhileRestoring(Context ctx) {
        if (queries.restoreInProgress() && !(ctx.method() == HandlerType.GET && OPEN_DURING_RESTORE.contains(ctx.path()))) {
            throw new ApiProblem(503, "Service Unavailable", "A restore of the database is running; try again in a moment.", List.of())
                    .withHeader("Retry-After", "10");
        }
    }

    private static BackupName name(Context ctx) {
        try {
            return new BackupName(ctx.pathParam("backupName"));
        } catch (InvalidValueException e) {
            throw ApiProblem.notFound("There is no backup " + shorten(ctx.pathParam("backupName")) + ".");
        }
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private void list(Context ctx) {
        BackupQueries.BackupOverview overview = queries.overview();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", overview.backups().stream().map(l -> BackupResponse.fromDomain(l.run(), l.available())).toList());
        body.put("storage", overview.storage());
        body.put("schedule", overview.schedule().orElse(null));
        body.put("nextScheduled", overview.nextScheduled().orElse(null));
        body.put("retention", overview.retention());
        body.put("telemetryInScheduled", overview.telemetryInScheduled());
        body.put("restore", overview.restore().map(RestoreResponse::fromDomain).orElse(null));
        ctx.json(body);
    }

    private void start(Context ctx) throws Exception {
        boolean empty = ctx.contentType() == null && ctx.bodyAsBytes().length == 0;
        ObjectNode body = empty ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : bodies.readObject(ctx);
        JsonFields f = new JsonFields(body, Set.of("includeTelemetry"));
        boolean telemetry = f.optionalBoolean("includeTelemetry").orElse(true);
        f.throwIfInvalid();
        CreateBackupUseCase.StartedBackup started = create.createBackup(new CreateBackupCommand(Caller.of(ctx).actor(), telemetry));
        ctx.status(HttpStatus.ACCEPTED).json(BackupResponse.fromDomain(started.run(), false));
    }

    private void download(Context ctx) throws Exception {
        DownloadBackupUseCase.Download file = download.downloadBackup(name(ctx), Caller.of(ctx).actor());
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.name().value() + "\"");
        // no Content-Length: the answer may be compressed on the way; the file carries its own checksum
        ctx.contentType("application/octet-stream");
        ctx.result(file.content());
    }

    private void verify(Context ctx) throws Exception {
        ctx.json(CheckResponse.fromDomain(verify.verifyBackup(BackupSource.inStorage(name(ctx)))));
    }

    private void restore(Context ctx) throws Exception {
        BackupName name = name(ctx);
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("confirm"));
        Optional<String> confirm = f.requiredText("confirm");
        f.throwIfInvalid();
        if (!confirm.orElseThrow().equals(name.value())) {
            throw ApiProblem.invalid(List.of(new dev.vectorflow.adapter.http.error.FieldProblem("confirm",
                    "must repeat the backup's name exactly (" + name.value() + ") to confirm that the database is replaced")));
        }
        RestoreBackupUseCase.StartedRestore started = restore.restoreBackup(new RestoreBackupCommand(Caller.of(ctx).actor(),
                BackupSource.inStorage(name)));
        ctx.status(HttpStatus.ACCEPTED).json(RestoreResponse.fromDomain(started.status()));
    }

    private void restoreStatus(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("restore", queries.lastRestore().map(RestoreResponse::fromDomain).orElse(null));
        ctx.json(body);
    }
}
