package dev.vectorflow.app;

import dev.vectorflow.adapter.storage.LocalDirectoryBackupStorage;
import dev.vectorflow.adapter.storage.S3BackupStorage;
import dev.vectorflow.core.backup.CronSchedule;
import dev.vectorflow.core.backup.RetentionPolicy;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.out.backup.BackupPolicy;
import dev.vectorflow.ports.out.backup.BackupStorage;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code VF_BACKUP_*} settings: the schedule and retention (the backup policy, which a settings store may provide
 * later through the same {@link dev.vectorflow.ports.out.backup.BackupPolicySource} port), and where backups go: a
 * directory (default {@code <VF_DATA_DIR>/backups}) or an S3 bucket. The S3 secret key is never printed.
 */
record BackupSettings(Optional<CronSchedule> schedule, RetentionPolicy retention, boolean telemetryInScheduled, boolean s3Target,
                      Path directory, Optional<S3BackupStorage.Settings> s3, Path staging) {

    static final List<ServerSettings.Variable> VARIABLES = List.of(
            new ServerSettings.Variable("VF_BACKUP_SCHEDULE", "", false,
                    "Cron expression (5 fields, UTC) of scheduled backups, e.g. '0 3 * * *' or @daily; empty: none"),
            new ServerSettings.Variable("VF_BACKUP_KEEP_LAST", "7", false, "Keep the newest N backups (0: no count limit)"),
            new ServerSettings.Variable("VF_BACKUP_KEEP_DAYS", "0", false, "Keep backups younger than N days (0: no age limit); either rule keeps a backup"),
            new ServerSettings.Variable("VF_BACKUP_INCLUDE_TELEMETRY", "false", false,
                    "true: scheduled backups also hold metric rollups, pipeline logs and event samples"),
            new ServerSettings.Variable("VF_BACKUP_TARGET", "local", false, "Where backups go: local (VF_BACKUP_DIR) or s3 (VF_BACKUP_S3_*)"),
            new ServerSettings.Variable("VF_BACKUP_DIR", "", false, "Directory of local backups; empty uses <VF_DATA_DIR>/backups"),
            new ServerSettings.Variable("VF_BACKUP_S3_BUCKET", "", false, "S3 bucket of backups (VF_BACKUP_TARGET=s3)"),
            new ServerSettings.Variable("VF_BACKUP_S3_PREFIX", "vectorflow/", false, "Key prefix of backups in the bucket"),
            new ServerSettings.Variable("VF_BACKUP_S3_REGION", "us-east-1", false, "Region of the bucket"),
            new ServerSettings.Variable("VF_BACKUP_S3_ENDPOINT", "", false, "Endpoint of S3-compatible storage (MinIO, Ceph, ...); empty: AWS"),
            new ServerSettings.Variable("VF_BACKUP_S3_PATH_STYLE", "false", false, "true: path-style requests (most S3-compatible stores need it)"),
            new ServerSettings.Variable("VF_BACKUP_S3_ACCESS_KEY", "", false, "Access key id; empty uses the AWS default credentials chain"),
            new ServerSettings.Variable("VF_BACKUP_S3_SECRET_KEY", "", true, "Secret access key (never printed)"));

    static BackupSettings fromEnvironment(Map<String, String> env, Path dataDirectory) {
        Optional<CronSchedule> schedule = ServerSettings.optional(env, "VF_BACKUP_SCHEDULE").map(text -> {
            try {
                return CronSchedule.parse("VF_BACKUP_SCHEDULE", text);
            } catch (InvalidValueException e) {
                throw new InvalidSettingException(e.getMessage());
            }
        });
        RetentionPolicy retention = new RetentionPolicy(
                ServerSettings.integer(env, "VF_BACKUP_KEEP_LAST", 0, 100_000, "must be a whole number from 0 to 100000"),
                ServerSettings.integer(env, "VF_BACKUP_KEEP_DAYS", 0, 36_500, "must be a number of days from 0 to 36500"));
        boolean telemetry = bool(env, "VF_BACKUP_INCLUDE_TELEMETRY");
        String target = ServerSettings.value(env, "VF_BACKUP_TARGET").toLowerCase(Locale.ROOT);
        if (!target.equals("local") && !target.equals("s3")) {
            throw new InvalidSettingException("VF_BACKUP_TARGET", "must be local or s3", target);
        }
        Path directory = ServerSettings.optional(env, "VF_BACKUP_DIR").map(Path::of).orElse(dataDirectory.resolve("backups"));
        Optional<S3BackupStorage.Settings> s3 = Optional.empty();
        if (target.equals("s3")) {
            String bucket = ServerSettings.optional(env, "VF_BACKUP_S3_BUCKET")
                    .orElseThrow(() -> new InvalidSettingException("VF_BACKUP_S3_BUCKET", "must name the bucket when VF_BACKUP_TARGET=s3", ""));
            if (!bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
                throw new InvalidSettingException("VF_BACKUP_S3_BUCKET", "must be a bucket name (3-63 lower-case letters, digits, '.', '-')", bucket);
            }
            String prefix = ServerSettings.value(env, "VF_BACKUP_S3_PREFIX").replaceAll("^/+", "");
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix += "/";
            }
            if (prefix.length() > 200 || !prefix.matches("[A-Za-z0-9!_.*'()/\\-]*")) {
                throw new InvalidSettingException("VF_BACKUP_S3_PREFIX", "must be a key prefix of letters, digits and !_.*'()/- (up to 200)", prefix);
            }
            String region = ServerSettings.value(env, "VF_BACKUP_S3_REGION");
            if (!region.matches("[a-z0-9\\-]{2,40}")) {
                throw new InvalidSettingException("VF_BACKUP_S3_REGION", "must be a region name like us-east-1", region);
            }
            Optional<URI> endpoint = ServerSettings.optional(env, "VF_BACKUP_S3_ENDPOINT").map(e -> {
                if (!e.matches("https?://[^\\s/]+(/\\S*)?")) {
                    throw new InvalidSettingException("VF_BACKUP_S3_ENDPOINT", "must be an http(s) URL like https://minio.example.com:9000", e);
                }
                return URI.create(e);
            });
            Optional<String> accessKey = ServerSettings.optional(env, "VF_BACKUP_S3_ACCESS_KEY");
            Optional<String> secretKey = ServerSettings.optional(env, "VF_BACKUP_S3_SECRET_KEY");
            if (accessKey.isPresent() != secretKey.isPresent()) {
                throw new InvalidSettingException("VF_BACKUP_S3_ACCESS_KEY and VF_BACKUP_S3_SECRET_KEY must be set together (or neither, for the"
                        + " AWS default credentials chain)");
            }
            s3 = Optional.of(new S3BackupStorage.Settings(bucket, prefix, region, endpoint, bool(env, "VF_BACKUP_S3_PATH_STYLE"), accessKey,
                    secretKey));
        }
        return new BackupSettings(schedule, retention, telemetry, s3.isPresent(), directory, s3, dataDirectory.resolve("backup-staging"));
    }

    private static boolean bool(Map<String, String> env, String name) {
        String text = ServerSettings.value(env, name).toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new InvalidSettingException(name, "must be true or false", text);
        }
        return text.equals("true");
    }

    /** The policy these settings give (a settings store will provide it through the same port). */
    BackupPolicy policy() {
        return new BackupPolicy(schedule, retention, telemetryInScheduled);
    }

    /** The storage backups go to (an S3 client is closed by the caller). */
    BackupStorage openStorage() {
        return s3.<BackupStorage>map(S3BackupStorage::connect).orElseGet(() -> new LocalDirectoryBackupStorage(directory));
    }

    /** The effective values, the secret key masked. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("VF_BACKUP_SCHEDULE = " + schedule.map(CronSchedule::toString).orElse("(none: backups on demand only)"));
        lines.add("VF_BACKUP_KEEP_LAST = " + retention.keepLast());
        lines.add("VF_BACKUP_KEEP_DAYS = " + retention.keepDays());
        lines.add("VF_BACKUP_INCLUDE_TELEMETRY = " + telemetryInScheduled);
        lines.add("VF_BACKUP_TARGET = " + (s3Target ? "s3 " + s3.orElseThrow() : "local " + directory.toAbsolutePath().normalize()));
        return lines;
    }
}
