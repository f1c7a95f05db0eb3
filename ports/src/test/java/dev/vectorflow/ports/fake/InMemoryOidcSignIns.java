package dev.vectorflow.ports.fake;

import dev.vectorflow.core.identity.OidcProviderId;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.identity.OidcSignIns;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Fake of {@link OidcSignIns}: pending sign-ins, subject links, managed memberships and provider sessions in maps. */
public final class InMemoryOidcSignIns implements OidcSignIns, InMemoryTransactions.Participant {

    private record Subject(OidcProviderId provider, String subject) {
    }

    private record MembershipKey(TeamId team, UserId user) {
    }

    private Map<String, PendingSignIn> pending = new HashMap<>();
    private Map<Subject, UserId> links = new HashMap<>();
    private Map<MembershipKey, OidcProviderId> managed = new HashMap<>();
    private Map<String, ProviderSession> sessions = new HashMap<>();

    @Override
    public void insertPending(PendingSignIn p) {
        if (pending.putIfAbsent(p.stateHash(), p) != null) {
            throw new UniqueViolation("a pending sign-in with this state exists", null);
        }
    }

    @Override
    public Optional<PendingSignIn> takePending(String stateHash) {
        return Optional.ofNullable(pending.remove(stateHash));
    }

    @Override
    public int deleteExpiredPending(Instant now) {
        int before = pending.size();
        pending.values().removeIf(p -> p.expiresAt().isBefore(now));
        return before - pending.size();
    }

    @Override
    public Optional<UserId> linkedUser(OidcProviderId provider, String subject) {
        return Optional.ofNullable(links.get(new Subject(provider, subject)));
    }

    @Override
    public void link(OidcProviderId provider, String subject, UserId user, Instant now) {
        links.put(new Subject(provider, subject), user);
    }

    @Override
    public Set<TeamId> managedTeams(UserId user, OidcProviderId provider) {
        Set<TeamId> teams = new HashSet<>();
        managed.forEach((key, by) -> {
            if (key.user().equals(user) && by.equals(provider)) {
                teams.add(key.team());
            }
        });
        return teams;
    }

    @Override
    public void setManaged(UserId user, TeamId team, OidcProviderId provider, boolean isManaged) {
        if (isManaged) {
            managed.put(new MembershipKey(team, user), provider);
        } else {
            managed.remove(new MembershipKey(team, user));
        }
    }

    @Override
    public void recordSession(String sessionHash, ProviderSession session) {
        if (sessions.putIfAbsent(sessionHash, session) != null) {
            throw new UniqueViolation("this session is recorded already", null);
        }
    }

    @Override
    public Optional<ProviderSession> sessionOf(String sessionHash) {
        return Optional.ofNullable(sessions.get(sessionHash));
    }

    @Override
    public Object snapshot() {
        return List.of(new HashMap<>(pending), new HashMap<>(links), new HashMap<>(managed), new HashMap<>(sessions));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        List<Map<?, ?>> maps = (List<Map<?, ?>>) snapshot;
        pending = new HashMap<>((Map<String, PendingSignIn>) maps.get(0));
        links = new HashMap<>((Map<Subject, UserId>) maps.get(1));
        managed = new HashMap<>((Map<MembershipKey, OidcProviderId>) maps.get(2));
        sessions = new HashMap<>((Map<String, ProviderSession>) maps.get(3));
    }
}
