package dev.vectorflow.core.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A local account. The password hash is opaque here (made by the PasswordHasher port) and never
 * printed. Repeated failed sign-ins lock the account for a while. {@code passwordChosenAt} is when
 * the owner last chose their own password: empty for an account made by an admin until its owner
 * replaces the initial password, which tells a new account from a reset one.
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
        Instant updatedAt,
        Optional<Instant> passwordChosenAt) {

    /** Failed sign-ins in a row that lock the account. */
    public static final int LOCK_AFTER_FAILURES = 5;
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    /** The password hash of an account that signs in only through an identity provider: no password matches it. */
    public static final String NO_PASSWORD = "!";

    /** Why a user must choose a password before anything else. */
    public enum PasswordChangeReason {
        /** An admin made the account with an initial password; its owner never chose one. */
        NEW_ACCOUNT,
        /** An admin replaced the password the owner had chosen with a temporary one. */
        RESET
    }

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        lockedUntil = lockedUntil.map(t -> t.truncatedTo(ChronoUnit.MICROS));
        passwordChosenAt = Objects.requireNonNull(passwordChosenAt, "passwordChosenAt").map(t -> t.truncatedTo(ChronoUnit.MICROS));
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MICROS);
    }

    /** An account whose owner chose the password (first-run setup, the CLI). */
    public static User create(UserId id, Email email, PersonName name, String passwordHash, boolean platformAdmin, Instant now) {
        return new User(id, email, name, passwordHash, platformAdmin, false, 0, Optional.empty(), now, now, Optional.of(now));
    }

    /** An account made by someone else: its initial password must be replaced by one its owner chooses. */
    public static User createWithInitialPassword(UserId id, Email email, PersonName name, String passwordHash, boolean platformAdmin,
                                                 Instant now) {
        return new User(id, email, name, passwordHash, platformAdmin, true, 0, Optional.empty(), now, now, Optional.empty());
    }

    /** An account made at its first sign-in through an identity provider: it has no password. */
    public static User createExternal(UserId id, Email email, PersonName name, Instant now) {
        return new User(id, email, name, NO_PASSWORD, false, false, 0, Optional.empty(), now, now, Optional.empty());
    }

    /** False for an account that signs in only through an identity provider. */
    public boolean hasPassword() {
        return !NO_PASSWORD.equals(passwordHash);
    }

    /** Why the password must be changed first, if it must. */
    public Optional<PasswordChangeReason> passwordChangeReason() {
        if (!mustChangePassword) {
            return Optional.empty();
        }
        return Optional.of(passwordChosenAt.isPresent() ? PasswordChangeReason.RESET : PasswordChangeReason.NEW_ACCOUNT);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil.filter(now::isBefore).isPresent();
    }

    /** After a wrong password: counts it, and locks the account at the limit. */
    public User failedSignIn(Instant now) {
        int failures = failedSignIns + 1;
        Optional<Instant> lock = failures >= LOCK_AFTER_FAILURES ? Optional.of(now.plus(LOCK_DURATION)) : lockedUntil;
        return new User(id, email, name, passwordHash, platformAdmin, mustChangePassword,
                failures >= LOCK_AFTER_FAILURES ? 0 : failures, lock, createdAt, updatedAt, passwordChosenAt);
    }

    /** After a right password: forgets earlier failures. */
    public User succeededSignIn() {
        return new User(id, email, name, passwordHash, platformAdmin, mustChangePassword, 0, Optional.empty(), createdAt, updatedAt,
                passwordChosenAt);
    }

    /** The owner chose a new password. */
    public User withChosenPassword(String newHash, Instant now) {
        return new User(id, email, name, newHash, platformAdmin, false, 0, Optional.empty(), createdAt, now, Optional.of(now));
    }

    /** An admin set a temporary password that the owner must replace. */
    public User withTemporaryPassword(String newHash, Instant now) {
        return new User(id, email, name, newHash, platformAdmin, true, 0, Optional.empty(), createdAt, now, passwordChosenAt);
    }

    /** The same password hashed anew (stronger parameters); nothing else changes. */
    public User withRehashedPassword(String newHash) {
        return new User(id, email, name, newHash, platformAdmin, mustChangePassword, failedSignIns, lockedUntil, createdAt, updatedAt,
                passwordChosenAt);
    }

    public User withProfile(PersonName newName, boolean newPlatformAdmin, Instant now) {
        return new User(id, email, newName, passwordHash, newPlatformAdmin, mustChangePassword, failedSignIns, lockedUntil, createdAt, now,
                passwordChosenAt);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", platformAdmin=" + platformAdmin + "]";
    }
}
