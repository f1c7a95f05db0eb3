package dev.vectorflow.adapter.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the database is: an external PostgreSQL ({@code jdbcUrl} present) or an embedded one whose
 * files live in {@code embeddedDataDirectory}. The password never appears in {@link #toString()}.
 */
public record DatabaseSettings(
        Optional<String> jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        Path embeddedDataDirectory,
        int maxPoolSize,
        Duration connectTimeout) {

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(embeddedDataDirectory, "embeddedDataDirectory");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        jdbcUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("the database URL must start with jdbc:postgresql: but was '" + url + "'");
            }
        });
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1 but was " + maxPoolSize);
        }
    }

    /** An external PostgreSQL server. */
    public static DatabaseSettings external(String jdbcUrl, String user, String password) {
        return new DatabaseSettings(Optional.of(jdbcUrl), Optional.ofNullable(user), Optional.ofNullable(password),
                Path.of("unused"), 10, Duration.ofSeconds(5));
    }

    public boolean embedded() {
        return jdbcUrl.isEmpty();
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + (embedded() ? "embedded in " + embeddedDataDirectory : jdbcUrl.get())
                + ", user=" + user.orElse("") + ", password=" + (password.isPresent() ? "****" : "") + "]";
    }
}
