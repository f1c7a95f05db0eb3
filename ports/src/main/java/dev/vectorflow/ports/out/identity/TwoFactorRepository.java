package dev.vectorflow.ports.out.identity;

import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Driven port: TOTP second factors of local accounts (the secret sealed by the key ring, the last time step used so a
 * code counts once, the SHA-256 hashes of the unused recovery codes), the pending second-factor steps of sign-ins, and
 * which teams require a second factor.
 */
public interface TwoFactorRepository {

    /** A user's second factor; {@code enabledAt} empty while the enrolment waits for its first code. */
    record Enrollment(UserId user, String secretEnvelope, Optional<Instant> enabledAt, long lastUsedStep, List<String> recoveryCodeHashes,
                      Instant createdAt) {
        public Enrollment {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(secretEnvelope, "secretEnvelope");
            Objects.requireNonNull(enabledAt, "enabledAt");
            recoveryCodeHashes = List.copyOf(recoveryCodeHashes);
            Objects.requireNonNull(createdAt, "createdAt");
        }

        public boolean enabled() {
            return enabledAt.isPresent();
        }

        @Override
        public String toString() {
            return "Enrollment[user=" + user + ", enabled=" + enabled() + "]";
        }
    }

    Optional<Enrollment> find(UserId user);

    /** Stores the user's enrolment (replacing the one before). */
    void put(Enrollment enrollment);

    boolean delete(UserId user);

    /** A sign-in whose password was right and whose second factor is awaited, by the hash of its token. */
    record Challenge(String tokenHash, UserId user, Instant expiresAt, int failures) {
        public Challenge {
            Objects.requireNonNull(tokenHash, "tokenHash");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** Stores a new challenge, or records the failures of the one with that token hash (its user and expiry stay). */
    void putChallenge(Challenge challenge);

    Optional<Challenge> findChallenge(String tokenHash);

    boolean deleteChallenge(String tokenHash);

    /** Ends the challenges that expire at or before {@code now} (a challenge is usable only before its expiry) and says how many. */
    int deleteExpiredChallenges(Instant now);

    /** Teams whose members must use a second factor. */
    Set<TeamId> teamsRequiringTwoFactor();

    void setTeamRequiresTwoFactor(TeamId team, boolean required);
}
