package dev.vectorflow.ports.fake;

import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.identity.TwoFactorRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Fake of {@link TwoFactorRepository} over maps: enrolments by user, challenges by token hash, teams that require a second factor. */
public final class InMemoryTwoFactorRepository implements TwoFactorRepository, InMemoryTransactions.Participant {

    private Map<UserId, Enrollment> enrollments = new LinkedHashMap<>();
    private Map<String, Challenge> challenges = new LinkedHashMap<>();
    private Set<TeamId> requiring = new LinkedHashSet<>();

    @Override
    public Optional<Enrollment> find(UserId user) {
        return Optional.ofNullable(enrollments.get(user));
    }

    @Override
    public void put(Enrollment enrollment) {
        enrollments.put(enrollment.user(), enrollment);
    }

    @Override
    public boolean delete(UserId user) {
        return enrollments.remove(user) != null;
    }

    @Override
    public void putChallenge(Challenge challenge) {
        challenges.merge(challenge.tokenHash(), challenge,
                (stored, again) -> new Challenge(stored.tokenHash(), stored.user(), stored.expiresAt(), again.failures()));
    }

    @Override
    public Optional<Challenge> findChallenge(String tokenHash) {
        return Optional.ofNullable(challenges.get(tokenHash));
    }

    @Override
    public boolean deleteChallenge(String tokenHash) {
        return challenges.remove(tokenHash) != null;
    }

    @Override
    public int deleteExpiredChallenges(Instant now) {
        int before = challenges.size();
        challenges.values().removeIf(c -> !c.expiresAt().isAfter(now));
        return before - challenges.size();
    }

    @Override
    public Set<TeamId> teamsRequiringTwoFactor() {
        return Set.copyOf(requiring);
    }

    @Override
    public void setTeamRequiresTwoFactor(TeamId team, boolean required) {
        if (required) {
            requiring.add(team);
        } else {
            requiring.remove(team);
        }
    }

    @Override
    public Object snapshot() {
        return List.of(new LinkedHashMap<>(enrollments), new LinkedHashMap<>(challenges), new LinkedHashSet<>(requiring));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        List<Object> parts = (List<Object>) snapshot;
        enrollments = new LinkedHashMap<>((Map<UserId, Enrollment>) parts.get(0));
        challenges = new LinkedHashMap<>((Map<String, Challenge>) parts.get(1));
        requiring = new LinkedHashSet<>((Set<TeamId>) parts.get(2));
    }
}
