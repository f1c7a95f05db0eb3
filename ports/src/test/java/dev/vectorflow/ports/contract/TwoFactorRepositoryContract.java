package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.identity.TwoFactorRepository;
import dev.vectorflow.ports.out.identity.TwoFactorRepository.Challenge;
import dev.vectorflow.ports.out.identity.TwoFactorRepository.Enrollment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link TwoFactorRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class TwoFactorRepositoryContract extends FleetStoreContract {

    private TwoFactorRepository twoFactor() {
        return store().twoFactor();
    }

    private static Enrollment pending(UserId user) {
        return new Enrollment(user, "vf1:key:totp-" + UUID.randomUUID(), Optional.empty(), 0, List.of(), T0);
    }

    private static Enrollment enabled(UserId user) {
        return new Enrollment(user, "vf1:key:totp-" + UUID.randomUUID(), Optional.of(T0.plusSeconds(30)), 58_844_321L,
                List.of(hash("code-1"), hash("code-2"), hash("code-3")), T0);
    }

    private Challenge storedChallenge(UserId user, Instant expiresAt) {
        Challenge challenge = new Challenge(hash("challenge-" + UUID.randomUUID()), user, expiresAt, 0);
        inTransaction(() -> twoFactor().putChallenge(challenge));
        return challenge;
    }

    @Test
    void anEnrollment_isStoredFoundReplacedAndDeleted() {
        UserId user = newUser().id();
        Enrollment waiting = pending(user);
        Enrollment active = enabled(user);

        inTransaction(() -> twoFactor().put(waiting));
        assertThat(inTransaction(() -> twoFactor().find(user))).contains(waiting);
        inTransaction(() -> twoFactor().put(active));
        assertThat(inTransaction(() -> twoFactor().find(user))).contains(active);

        assertThat(inTransaction(() -> twoFactor().delete(user))).isTrue();
        assertThat(inTransaction(() -> twoFactor().delete(user))).isFalse();
        assertThat(inTransaction(() -> twoFactor().find(user))).isEmpty();
    }

    @Test
    void givenUserWithoutSecondFactor_find_isEmpty() {
        UserId without = newUser().id();
        inTransaction(() -> twoFactor().put(enabled(newUser().id())));

        assertThat(inTransaction(() -> twoFactor().find(without))).isEmpty();
    }

    @Test
    void aChallenge_isFoundByItsHash_andDeletedOnce() {
        UserId user = newUser().id();
        Challenge challenge = storedChallenge(user, T0.plus(Duration.ofMinutes(5)));

        assertThat(inTransaction(() -> twoFactor().findChallenge(challenge.tokenHash()))).contains(challenge);
        assertThat(inTransaction(() -> twoFactor().findChallenge(hash("unknown-" + UUID.randomUUID())))).isEmpty();
        assertThat(inTransaction(() -> twoFactor().deleteChallenge(challenge.tokenHash()))).isTrue();
        assertThat(inTransaction(() -> twoFactor().deleteChallenge(challenge.tokenHash()))).isFalse();
        assertThat(inTransaction(() -> twoFactor().findChallenge(challenge.tokenHash()))).isEmpty();
    }

    @Test
    void puttingAChallengeAgain_recordsItsFailures_andKeepsItsUserAndExpiry() {
        UserId user = newUser().id();
        Challenge challenge = storedChallenge(user, T0.plus(Duration.ofMinutes(5)));

        inTransaction(() -> twoFactor().putChallenge(new Challenge(challenge.tokenHash(), newUser().id(), T0.plus(Duration.ofDays(1)), 2)));

        assertThat(inTransaction(() -> twoFactor().findChallenge(challenge.tokenHash())))
                .contains(new Challenge(challenge.tokenHash(), user, challenge.expiresAt(), 2));
    }

    @Test
    void deleteExpiredChallenges_endsTheChallengesExpiringAtOrBeforeNow_andCountsThem() {
        Instant now = T0.plus(Duration.ofDays(400));
        // challenges other tests left behind that this sweep ends would spoil the count: sweep them first
        inTransaction(() -> twoFactor().deleteExpiredChallenges(now));
        UserId user = newUser().id();
        Challenge expiredBefore = storedChallenge(user, now.minusSeconds(1));
        Challenge expiresNow = storedChallenge(user, now);
        Challenge stillOpen = storedChallenge(user, now.plusNanos(1_000));

        assertThat(inTransaction(() -> twoFactor().deleteExpiredChallenges(now))).isEqualTo(2);
        assertThat(inTransaction(() -> twoFactor().findChallenge(expiredBefore.tokenHash()))).isEmpty();
        assertThat(inTransaction(() -> twoFactor().findChallenge(expiresNow.tokenHash()))).isEmpty();
        assertThat(inTransaction(() -> twoFactor().findChallenge(stillOpen.tokenHash()))).contains(stillOpen);
    }

    @Test
    void aTeamRequiresASecondFactor_fromWhenItIsSetUntilItIsCleared() {
        TeamId strict = newTeam().id();
        TeamId relaxed = newTeam().id();

        inTransaction(() -> {
            twoFactor().setTeamRequiresTwoFactor(strict, true);
            twoFactor().setTeamRequiresTwoFactor(strict, true);
            twoFactor().setTeamRequiresTwoFactor(relaxed, true);
            twoFactor().setTeamRequiresTwoFactor(relaxed, false);
        });
        assertThat(inTransaction(() -> twoFactor().teamsRequiringTwoFactor())).contains(strict).doesNotContain(relaxed);

        inTransaction(() -> twoFactor().setTeamRequiresTwoFactor(strict, false));
        assertThat(inTransaction(() -> twoFactor().teamsRequiringTwoFactor())).doesNotContain(strict, relaxed);
    }

    @Test
    void givenWorkThatThrows_inTransaction_keepsTheEnrollmentItDeleted() {
        UserId user = newUser().id();
        Enrollment enrollment = enabled(user);
        inTransaction(() -> twoFactor().put(enrollment));

        assertThatThrownBy(() -> inTransaction(() -> {
            twoFactor().delete(user);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(inTransaction(() -> twoFactor().find(user))).contains(enrollment);
    }
}
