package dev.vectorflow.core.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A local account. The password hash is opaque here (made by the PasswordHasher port) and never
 * printed. Repeated failed sign-ins lock the account for a while.
 */
public record User(
        UserId id,
        Email email,
        PersonName name,
        String passwordHash,
        boolean platformAdmin,
        boolean mustChangePassword,
        int failedSignIns,
        Optional<Instant> lockedUntil,
        Instant createdAt,
        Instant updatedAt) {

    /** Failed sign-ins in a row that lock the account. */
    public static final int LOCK_AFTER_FAILURES = 5;
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        lockedUntil = lockedUntil.map(t -> t.truncatedTo(ChronoUnit.MICROS));
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MICROS);
    }

    public static User create(UserId id, Email email, PersonName name, String passwordHash, boolean platformAdmin, Instant now) {
        return new User(id, email, name, passwordHash, platformAdmin, false, 0, Optional.empty(), now, now);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil.filter(now::isBefore).isPresent();
    }

    /** After a wrong password: counts it, and locks the account at the limit. */
    public User failedSignIn(Instant now) {
        int failures = failedSignIns + 1;
        Optional<Instant> lock = failures >= LOCK_AFTER_FAILURES ? Optional.of(now.plus(LOCK_DURATION)) : lockedUntil;
        return new User(id, email, name, passwordHash, platformAdmin, mustChangePassword,
                failures >= LOCK_AFTER_FAILURES ? 0 : failures, lock, createdAt, updatedAt);
    }

    /** After a right password: forgets earlier failures. */
    public User succeededSignIn() {
        return new User(id, email, name, passwordHash, platformAdmin, mustChangePassword, 0, Optional.empty(), createdAt, updatedAt);
    }

    public User withPassword(String newHash, boolean mustChange, Instant now) {
        return new User(id, email, name, newHash, platformAdmin, mustChange, 0, Optional.empty(), createdAt, now);
    }

    public User withProfile(PersonName newName, boolean newPlatformAdmin, Instant now) {
        return new User(id, email, newName, passwordHash, newPlatformAdmin, mustChangePassword, failedSignIns, lockedUntil, createdAt, now);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", platformAdmin=" + platformAdmin + "]";
    }
}
