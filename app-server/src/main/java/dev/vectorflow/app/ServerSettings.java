package dev.vectorflow.app;

import dev.vectorflow.core.settings.SettingDefinition;
import dev.vectorflow.core.settings.SettingsCatalog;
import dev.vectorflow.core.validation.InvalidValueException;

import dev.vectorflow.adapter.crypto.MasterKeySource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import dev.vectorflow.ports.service.identity.SessionPolicy;

/**
 * The server's configuration, read from {@code VF_*} environment variables; every setting has a
 * safe default. Invalid values stop the start with a message naming the variable.
 */
public record ServerSettings(
        String httpHost,
        int httpPort,
        Path dataDirectory,
        long dataDirectoryMinimumFreeBytes,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        int databasePoolSize,
        String logLevel,
        long maxRequestBytes,
        Duration shutdownGrace,
        boolean trustProxyHeaders,
        Duration sessionIdleTimeout,
        Duration sessionMaxLifetime,
        Optional<String> masterKey,
        Optional<String> vectorBinary,
        int telemetryQueueCapacity,
        Duration jobLease,
        BackupSettings backup,
        Map<String, String> storedSettingOverrides) {

    public ServerSettings {
        storedSettingOverrides = Map.copyOf(storedSettingOverrides);
    }

    /** One documented variable: name, default shown to users, and what it does. */
    public record Variable(String name, String defaultValue, boolean secret, String description) {
    }

    public static final List<Variable> VARIABLES = concat(List.of(
            new Variable("VF_HTTP_HOST", "127.0.0.1", false, "Address the HTTP server listens on (0.0.0.0 for every interface)"),
            new Variable("VF_HTTP_PORT", "8080", false, "HTTP port (1-65535; 0 picks a free one)"),
            new Variable("VF_DATA_DIR", "./data", false, "Directory for server data; the embedded PostgreSQL keeps its files in <dir>/postgres"),
            new Variable("VF_DATA_DIR_MIN_FREE_MB", "64", false, "/api/ready answers 503 while the data directory has less space free than this or cannot be written (0-1048576; 0 checks only that it can be written)"),
            new Variable("VF_DATABASE_URL", "", false, "jdbc:postgresql://host:port/db of an external PostgreSQL 15+; empty starts the embedded one"),
            new Variable("VF_DATABASE_USER", "", false, "User for the external PostgreSQL"),
            new Variable("VF_DATABASE_PASSWORD", "", true, "Password for the external PostgreSQL"),
            new Variable("VF_DATABASE_POOL_SIZE", "10", false, "Maximum database connections (1-500)"),
            new Variable("VF_LOG_LEVEL", "INFO", false, "TRACE, DEBUG, INFO, WARN or ERROR"),
            new Variable("VF_HTTP_MAX_REQUEST_BYTES", "1048576", false, "Largest accepted request body; larger ones get 413"),
            new Variable("VF_SHUTDOWN_GRACE_SECONDS", "30", false, "How long a stop waits for requests in flight (0-600)"),
            new Variable("VF_TRUST_PROXY", "false", false, "true behind a TLS-terminating proxy: honour X-Forwarded-Proto/-For"),
            new Variable("VF_SESSION_IDLE_MINUTES", "480", false, "Sign-in sessions end after this long without use (5-10080)"),
            new Variable("VF_SESSION_MAX_HOURS", "168", false, "Sign-in sessions end this long after sign-in in any case (1-2160)"),
            new Variable("VF_VECTOR_BIN", "", false, "The vector binary that checks each published version (vector validate); empty looks on PATH"),
            new Variable("VF_TELEMETRY_QUEUE", "100000", false, "Heartbeats waiting to be written before agents get 503 + Retry-After (1000-10000000)"),
            new Variable("VF_JOB_LEASE_SECONDS", "30", false, "Lease of a periodic job (status sweep, retention); another server takes over after it lapses (2-600)"),
            new Variable("VF_MASTER_KEY", "", true,
                    "Master key sealing the key ring (32 bytes, base64 or hex); empty uses <VF_DATA_DIR>/master.key, created at first start")),
            BackupSettings.VARIABLES, storedSettingVariables());

    private static List<Variable> concat(List<Variable> first, List<Variable> second, List<Variable> third) {
        List<Variable> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(third);
        return List.copyOf(all);
    }

    /** The variables that override settings of the settings store (which the Settings area can change otherwise). */
    private static List<Variable> storedSettingVariables() {
        return SettingsCatalog.all().stream().map(d -> new Variable(d.environmentVariable(), d.defaultValue(), d.secret(),
                d.description() + " [settings store: " + d.key() + "]")).toList();
    }

    /**
     * The values of the settings-store settings given as environment variables, by key, in canonical form.
     *
     * @throws InvalidSettingException for the first invalid one, naming the variable
     */
    static Map<String, String> storedSettingOverrides(Map<String, String> env) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (SettingDefinition d : SettingsCatalog.all()) {
            String raw = env.get(d.environmentVariable());
            if (raw == null || raw.isBlank()) {
                continue;
            }
            try {
                overrides.put(d.key(), d.canonical(raw));
            } catch (InvalidValueException e) {
                String expectation = e.problem().replaceAll(" but (was|has) .*$", "");
                throw d.secret() ? new InvalidSettingException(d.environmentVariable() + " " + expectation)
                        : new InvalidSettingException(d.environmentVariable(), expectation, raw.strip());
            }
        }
        return overrides;
    }

    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]%]+");

    /** Reads the settings; throws {@link InvalidSettingException} for the first invalid value. */
    public static ServerSettings fromEnvironment(Map<String, String> env) {
        String host = value(env, "VF_HTTP_HOST");
        if (!HOST.matcher(host).matches()) {
            throw new InvalidSettingException("VF_HTTP_HOST", "must be a host name or IP address", host);
        }
        int port = integer(env, "VF_HTTP_PORT", 0, 65535, "must be a port number from 1 to 65535 (or 0 for any free port)");
        Path dataDir = Path.of(value(env, "VF_DATA_DIR"));
        long minFreeMb = integer(env, "VF_DATA_DIR_MIN_FREE_MB", 0, 1_048_576, "must be a number of megabytes from 0 to 1048576");
        Optional<String> url = optional(env, "VF_DATABASE_URL");
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:postgresql:")) {
                throw new InvalidSettingException("VF_DATABASE_URL", "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)", u);
            }
        });
        int pool = integer(env, "VF_DATABASE_POOL_SIZE", 1, 500, "must be a whole number from 1 to 500");
        String level = value(env, "VF_LOG_LEVEL").toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new InvalidSettingException("VF_LOG_LEVEL", "must be one of TRACE, DEBUG, INFO, WARN, ERROR", env.get("VF_LOG_LEVEL"));
        }
        long maxBytes = integer(env, "VF_HTTP_MAX_REQUEST_BYTES", 1024, 1 << 30, "must be a number of bytes from 1024 to 1073741824");
        int grace = integer(env, "VF_SHUTDOWN_GRACE_SECONDS", 0, 600, "must be a number of seconds from 0 to 600");
        String trust = value(env, "VF_TRUST_PROXY").toLowerCase(Locale.ROOT);
        if (!trust.equals("true") && !trust.equals("false")) {
            throw new InvalidSettingException("VF_TRUST_PROXY", "must be true or false", env.get("VF_TRUST_PROXY"));
        }
        int idle = integer(env, "VF_SESSION_IDLE_MINUTES", 5, 10_080, "must be a number of minutes from 5 to 10080");
        int max = integer(env, "VF_SESSION_MAX_HOURS", 1, 2_160, "must be a number of hours from 1 to 2160");
        Optional<String> masterKey = optional(env, "VF_MASTER_KEY");
        masterKey.ifPresent(k -> {
            try {
                MasterKeySource.fromEnvironmentValue(k);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(e.getMessage());
            }
        });
        int queue = integer(env, "VF_TELEMETRY_QUEUE", 1000, 10_000_000, "must be a whole number from 1000 to 10000000");
        int lease = integer(env, "VF_JOB_LEASE_SECONDS", 2, 600, "must be a number of seconds from 2 to 600");
        return new ServerSettings(host, port, dataDir, minFreeMb * 1024 * 1024, url, optional(env, "VF_DATABASE_USER"), optional(env, "VF_DATABASE_PASSWORD"),
                pool, level, maxBytes, Duration.ofSeconds(grace), trust.equals("true"), Duration.ofMinutes(idle),
                Duration.ofHours(max), masterKey, optional(env, "VF_VECTOR_BIN"), queue, Duration.ofSeconds(lease),
                BackupSettings.fromEnvironment(env, dataDir), storedSettingOverrides(env));
    }

    /** {@code VF_*} variables in {@code env} that no setting reads (likely typos). */
    /** VF_ variables that are not settings of the server nor {@code alsoKnown} (those a command reads itself). */
    /** Read by the {@code vectorflow} launcher script, not by the server. */
    static final Set<String> LAUNCHER_VARIABLES = Set.of("VF_JAVA_OPTS", "VF_SERVER_JAR");

    public static Set<String> unknownVariables(Map<String, String> env, Set<String> alsoKnown) {
        Set<String> known = new TreeSet<>(alsoKnown);
        known.addAll(LAUNCHER_VARIABLES);
        VARIABLES.forEach(v -> known.add(v.name()));
        Set<String> unknown = new TreeSet<>();
        for (String name : env.keySet()) {
            // VF_TEST_* belong to the test suite
            if (name.startsWith("VF_") && !known.contains(name) && !name.startsWith("VF_TEST_")) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    public SessionPolicy sessionPolicy() {
        return new SessionPolicy(sessionIdleTimeout, sessionMaxLifetime);
    }

    public Path embeddedDatabaseDirectory() {
        return dataDirectory.resolve("postgres");
    }

    /** The settings read from the environment as lines {@code NAME = value}, secrets masked (the settings store's are printed once read). */
    public List<String> describe() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("VF_HTTP_HOST", httpHost);
        values.put("VF_HTTP_PORT", String.valueOf(httpPort));
        values.put("VF_DATA_DIR", dataDirectory.toString());
        values.put("VF_DATABASE_URL", databaseUrl.map(ServerSettings::maskUrlPassword).orElse("(embedded PostgreSQL in " + embeddedDatabaseDirectory() + ")"));
        values.put("VF_DATABASE_USER", databaseUser.orElse(""));
        values.put("VF_DATABASE_PASSWORD", databasePassword.isPresent() ? "****" : "");
        values.put("VF_DATABASE_POOL_SIZE", String.valueOf(databasePoolSize));
        values.put("VF_LOG_LEVEL", logLevel);
        values.put("VF_HTTP_MAX_REQUEST_BYTES", String.valueOf(maxRequestBytes));
        values.put("VF_SHUTDOWN_GRACE_SECONDS", String.valueOf(shutdownGrace.toSeconds()));
        values.put("VF_TRUST_PROXY", String.valueOf(trustProxyHeaders));
        values.put("VF_SESSION_IDLE_MINUTES", String.valueOf(sessionIdleTimeout.toMinutes()));
        values.put("VF_SESSION_MAX_HOURS", String.valueOf(sessionMaxLifetime.toHours()));
        values.put("VF_VECTOR_BIN", vectorBinary.orElse("(vector on PATH, if any)"));
        values.put("VF_TELEMETRY_QUEUE", String.valueOf(telemetryQueueCapacity));
        values.put("VF_JOB_LEASE_SECONDS", String.valueOf(jobLease.toSeconds()));
        values.put("VF_MASTER_KEY", masterKey.isPresent() ? "****" : "(key file " + MasterKeySource.defaultKeyFile(dataDirectory) + ")");
        List<String> lines = new ArrayList<>();
        values.forEach((k, v) -> lines.add(k + " = " + v));
        lines.addAll(backup.describe());
        if (!storedSettingOverrides.isEmpty()) {
            lines.add("settings-store settings set by the environment: " + storedSettingOverrides.keySet().stream()
                    .map(k -> SettingsCatalog.get(k).environmentVariable()).toList() + " (every effective value follows once the database is open)");
        }
        return lines;
    }

    @Override
    public String toString() {
        return "ServerSettings" + describe();
    }

    static String maskUrlPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****").replaceAll("//([^/@:]+):[^/@]*@", "//$1:****@");
    }

    static String value(Map<String, String> env, String name) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return VARIABLES.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow().defaultValue();
        }
        return raw.strip();
    }

    static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    static int integer(Map<String, String> env, String name, int min, int max, String expectation) {
        String raw = value(env, name);
        try {
            int parsed = Integer.parseInt(raw);
            if (parsed < min || parsed > max) {
                throw new InvalidSettingException(name, expectation, raw);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(name, expectation, raw);
        }
    }
}
