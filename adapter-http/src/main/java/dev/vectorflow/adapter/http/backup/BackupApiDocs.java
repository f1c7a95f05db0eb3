package dev.vectorflow.adapter.http.backup;

import static dev.vectorflow.adapter.http.openapi.Schema.array;
import static dev.vectorflow.adapter.http.openapi.Schema.bool;
import static dev.vectorflow.adapter.http.openapi.Schema.dateTime;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.string;

import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.openapi.Schema;

/** Backups and restores in the OpenAPI document. */
public final class BackupApiDocs {

    private BackupApiDocs() {
    }

    public static void describe(ApiDocs docs) {
        Schema restore = of(BackupController.RestoreResponse.class);
        docs.tag("Backups");
        docs.get("/api/backups", "The backups (runs and files in the storage), schedule, next run, retention and the last restore")
                .ok(object().required("items", array(of(BackupController.BackupResponse.class))).required("storage", string())
                        .optional("schedule", string()).optional("nextScheduled", dateTime())
                        .required("retention", string()).required("telemetryInScheduled", bool()).optional("restore", restore));
        docs.post("/api/backups", "Take a backup now (runs in the background; 409 while one runs)")
                .optionalBody(object().optional("includeTelemetry", bool().describedAs("default true")))
                .accepted(of(BackupController.BackupResponse.class));
        docs.get("/api/backups/{backupName}/download", "Download a backup file (audited)")
                .answer(200, "application/octet-stream", string().describedAs("the backup file"), "The file");
        docs.post("/api/backups/{backupName}/verify", "Dry-run a restore: checksum, manifest, schema and master key, changing nothing")
                .description("422 with the reason when the backup would be refused.")
                .ok(of(BackupController.CheckResponse.class));
        docs.post("/api/backups/{backupName}/restore", "Restore a backup over the database (a pre-restore backup is taken first)")
                .description("While it runs every other call answers 503 with Retry-After.")
                .body(object().required("confirm", string().describedAs("the backup's name again")))
                .accepted(of(BackupController.RestoreResponse.class));
        docs.get("/api/restore", "Where the last restore stands (no restore: an empty object)").ok(object().optional("restore", restore));
    }
}
