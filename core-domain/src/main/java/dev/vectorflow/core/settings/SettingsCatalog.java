package dev.vectorflow.core.settings;

import dev.vectorflow.core.settings.SettingType.Choice;
import dev.vectorflow.core.settings.SettingType.Cron;
import dev.vectorflow.core.settings.SettingType.EmailAddress;
import dev.vectorflow.core.settings.SettingType.Flag;
import dev.vectorflow.core.settings.SettingType.KeyPrefix;
import dev.vectorflow.core.settings.SettingType.Networks;
import dev.vectorflow.core.settings.SettingType.Text;
import dev.vectorflow.core.settings.SettingType.Url;
import dev.vectorflow.core.settings.SettingType.Whole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Every setting kept in the settings store, in the order the Settings area shows them. None needs a restart. */
public final class SettingsCatalog {

    public static final String POLL_INTERVAL_MS = "fleet.pollIntervalMs";
    public static final String UNHEALTHY_THRESHOLD = "fleet.unhealthyThreshold";
    public static final String AGENT_RATE_LIMIT = "fleet.agentRateLimit";
    public static final String ENROLL_RATE_LIMIT = "fleet.enrollRateLimit";
    public static final String METRICS_RETENTION_DAYS = "retention.metricsDays";
    public static final String LOGS_RETENTION_DAYS = "retention.logsDays";
    public static final String LOG_LINES_PER_PIPELINE = "retention.logLinesPerPipeline";
    public static final String PUBLIC_URL = "auth.publicUrl";
    public static final String LOCAL_SIGN_IN = "auth.localSignIn";
    public static final String BREAK_GLASS_EMAIL = "auth.breakGlassEmail";
    public static final String REQUIRE_TWO_FACTOR = "auth.requireTwoFactor";
    public static final String BACKUP_SCHEDULE = "backup.schedule";
    public static final String BACKUP_KEEP_LAST = "backup.keepLast";
    public static final String BACKUP_KEEP_DAYS = "backup.keepDays";
    public static final String BACKUP_INCLUDE_TELEMETRY = "backup.includeTelemetry";
    public static final String BACKUP_TARGET = "backup.target";
    public static final String BACKUP_S3_BUCKET = "backup.s3Bucket";
    public static final String BACKUP_S3_PREFIX = "backup.s3Prefix";
    public static final String BACKUP_S3_REGION = "backup.s3Region";
    public static final String BACKUP_S3_ENDPOINT = "backup.s3Endpoint";
    public static final String BACKUP_S3_PATH_STYLE = "backup.s3PathStyle";
    public static final String BACKUP_S3_ACCESS_KEY = "backup.s3AccessKey";
    public static final String BACKUP_S3_SECRET_KEY = "backup.s3SecretKey";
    public static final String ALERT_ALLOWED_NETWORKS = "alerts.allowedPrivateNetworks";

    private static final List<SettingDefinition> ALL = List.of(
            setting(POLL_INTERVAL_MS, SettingGroup.FLEET, "Poll interval", "How often agents report; the server tells them in every answer.",
                    "VF_POLL_INTERVAL_MS", new Whole(500, 3_600_000, "milliseconds"), "15000"),
            setting(UNHEALTHY_THRESHOLD, SettingGroup.FLEET, "Unhealthy threshold", "Missed polls after which a node is UNREACHABLE.",
                    "VF_UNHEALTHY_THRESHOLD", new Whole(1, 100, "polls"), "3"),
            setting(AGENT_RATE_LIMIT, SettingGroup.FLEET, "Agent rate limit",
                    "Requests a minute one node may make (bursts up to the same number); more get 429.", "VF_AGENT_RATE_LIMIT",
                    new Whole(10, 100_000, "per minute"), "120"),
            setting(ENROLL_RATE_LIMIT, SettingGroup.FLEET, "Enrollment rate limit", "Enrollments a minute from one client address; more get 429.",
                    "VF_ENROLL_RATE_LIMIT", new Whole(1, 100_000, "per minute"), "30"),
            setting(METRICS_RETENTION_DAYS, SettingGroup.RETENTION, "Metrics", "How long per-minute and hourly metric rollups are kept.",
                    "VF_METRICS_RETENTION_DAYS", new Whole(1, 365, "days"), "7"),
            setting(LOGS_RETENTION_DAYS, SettingGroup.RETENTION, "Logs and samples",
                    "How long pipeline logs, event samples and settled node actions are kept.", "VF_LOGS_RETENTION_DAYS",
                    new Whole(1, 365, "days"), "3"),
            setting(LOG_LINES_PER_PIPELINE, SettingGroup.RETENTION, "Log lines per pipeline", "Newest log lines kept per node and pipeline.",
                    "VF_LOG_LINES_PER_PIPELINE", new Whole(100, 1_000_000, "lines"), "1000"),
            setting(PUBLIC_URL, SettingGroup.AUTHENTICATION, "Public URL",
                    "The address people use; the setup link, the OIDC redirect address (<public URL>/api/auth/oidc/callback) and the links in"
                            + " alert notifications are built on it.",
                    "VF_PUBLIC_URL", new Url(true), ""),
            setting(LOCAL_SIGN_IN, SettingGroup.AUTHENTICATION, "Local sign-in",
                    "Sign-in with e-mail and password. When off, only the break-glass platform admin may sign in with a password.",
                    "VF_LOCAL_SIGN_IN", new Flag(), "true"),
            setting(BREAK_GLASS_EMAIL, SettingGroup.AUTHENTICATION, "Break-glass admin",
                    "E-mail of the platform admin who may always sign in with a password (required to turn local sign-in off).",
                    "VF_BREAK_GLASS_EMAIL", new EmailAddress(), ""),
            setting(REQUIRE_TWO_FACTOR, SettingGroup.AUTHENTICATION, "Require two-factor authentication",
                    "Every local account must use a TOTP second factor (OIDC sign-ins and API tokens are not affected).",
                    "VF_REQUIRE_2FA", new Flag(), "false"),
            setting(BACKUP_SCHEDULE, SettingGroup.BACKUPS, "Schedule",
                    "5-field cron in UTC (or @daily, @hourly, ...) of scheduled backups; empty: on demand only.", "VF_BACKUP_SCHEDULE",
                    new Cron(), ""),
            setting(BACKUP_KEEP_LAST, SettingGroup.BACKUPS, "Keep the newest", "Keep the newest N backups (0: no count limit).",
                    "VF_BACKUP_KEEP_LAST", new Whole(0, 100_000, "backups"), "7"),
            setting(BACKUP_KEEP_DAYS, SettingGroup.BACKUPS, "Keep for",
                    "Keep backups younger than N days (0: no age limit); a backup either rule keeps stays.", "VF_BACKUP_KEEP_DAYS",
                    new Whole(0, 36_500, "days"), "0"),
            setting(BACKUP_INCLUDE_TELEMETRY, SettingGroup.BACKUPS, "Telemetry in scheduled backups",
                    "Scheduled backups also hold metric rollups, pipeline logs and event samples.", "VF_BACKUP_INCLUDE_TELEMETRY",
                    new Flag(), "false"),
            setting(BACKUP_TARGET, SettingGroup.BACKUPS, "Target", "Where backups go: local (the backup directory) or s3.", "VF_BACKUP_TARGET",
                    new Choice(List.of("local", "s3")), "local"),
            setting(BACKUP_S3_BUCKET, SettingGroup.BACKUPS, "S3 bucket", "Bucket of S3 backups (required for the s3 target).",
                    "VF_BACKUP_S3_BUCKET", new Text(Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]"),
                            "must be a bucket name (3-63 lower-case letters, digits, '.', '-')", true), ""),
            setting(BACKUP_S3_PREFIX, SettingGroup.BACKUPS, "S3 key prefix", "Key prefix of backups in the bucket.", "VF_BACKUP_S3_PREFIX",
                    new KeyPrefix(), "vectorflow/"),
            setting(BACKUP_S3_REGION, SettingGroup.BACKUPS, "S3 region", "Region of the bucket.", "VF_BACKUP_S3_REGION",
                    new Text(Pattern.compile("[a-z0-9\\-]{2,40}"), "must be a region name like us-east-1", false), "us-east-1"),
            setting(BACKUP_S3_ENDPOINT, SettingGroup.BACKUPS, "S3 endpoint",
                    "Endpoint of S3-compatible storage (MinIO, Ceph, Garage, ...); empty: AWS.", "VF_BACKUP_S3_ENDPOINT", new Url(true), ""),
            setting(BACKUP_S3_PATH_STYLE, SettingGroup.BACKUPS, "S3 path-style requests", "Most S3-compatible stores need them.",
                    "VF_BACKUP_S3_PATH_STYLE", new Flag(), "false"),
            setting(BACKUP_S3_ACCESS_KEY, SettingGroup.BACKUPS, "S3 access key",
                    "Access key id; empty (with an empty secret key) uses the AWS default credentials chain.", "VF_BACKUP_S3_ACCESS_KEY",
                    new Text(Pattern.compile("[\\x21-\\x7E]{1,128}"), "must be up to 128 printable characters without spaces", true), ""),
            new SettingDefinition(BACKUP_S3_SECRET_KEY, SettingGroup.BACKUPS, "S3 secret key",
                    "Secret access key; stored sealed by the key ring, never shown.", "VF_BACKUP_S3_SECRET_KEY",
                    new Text(Pattern.compile("[\\x21-\\x7E]{1,256}"), "must be up to 256 printable characters without spaces", true), "", true,
                    false),
            setting(ALERT_ALLOWED_NETWORKS, SettingGroup.ALERTS, "Private networks alerts may reach",
                    "Alert webhooks never reach private, loopback or link-local addresses except those in these networks (CIDR, comma-separated,"
                            + " e.g. 10.20.0.0/16).", "VF_ALERT_ALLOWED_NETWORKS", new Networks(), ""));

    private static final Map<String, SettingDefinition> BY_KEY;

    static {
        Map<String, SettingDefinition> byKey = new LinkedHashMap<>();
        ALL.forEach(d -> byKey.put(d.key(), d));
        BY_KEY = java.util.Collections.unmodifiableMap(byKey);
    }

    private SettingsCatalog() {
    }

    private static SettingDefinition setting(String key, SettingGroup group, String label, String description, String variable,
                                             SettingType type, String defaultValue) {
        return new SettingDefinition(key, group, label, description, variable, type, defaultValue, false, false);
    }

    /** Every setting, in display order. */
    public static List<SettingDefinition> all() {
        return ALL;
    }

    public static Optional<SettingDefinition> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    public static SettingDefinition get(String key) {
        return byKey(key).orElseThrow(() -> new IllegalArgumentException("no setting " + key));
    }
}
