package dev.vectorflow.ports.fake;

import dev.vectorflow.core.identity.Membership;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.persistence.TeamRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link TeamRepository} over maps; names are unique ignoring case, the creation time never changes. */
public final class InMemoryTeamRepository implements TeamRepository, InMemoryTransactions.Participant {

    private record State(Map<TeamId, Team> teams, List<Membership> memberships) {
    }

    private Map<TeamId, Team> teams = new LinkedHashMap<>();
    private List<Membership> memberships = new ArrayList<>();

    @Override
    public void insert(Team team) {
        if (findByName(team.name()).isPresent()) {
            throw new UniqueViolation("team name taken", null);
        }
        teams.put(team.id(), team);
    }

    @Override
    public boolean update(Team team) {
        Team stored = teams.get(team.id());
        if (stored == null) {
            return false;
        }
        if (findByName(team.name()).filter(other -> !other.id().equals(team.id())).isPresent()) {
            throw new UniqueViolation("team name taken", null);
        }
        teams.put(team.id(), new Team(team.id(), team.name(), stored.createdAt(), team.updatedAt()));
        return true;
    }

    @Override
    public boolean delete(TeamId id) {
        memberships.removeIf(m -> m.teamId().equals(id));
        return teams.remove(id) != null;
    }

    @Override
    public Optional<Team> findById(TeamId id) {
        return Optional.ofNullable(teams.get(id));
    }

    @Override
    public Optional<Team> findByName(TeamName name) {
        return teams.values().stream().filter(t -> t.name().uniquenessKey().equals(name.uniquenessKey())).findFirst();
    }

    @Override
    public List<Team> findAll() {
        return teams.values().stream().sorted(Comparator.comparing(t -> t.name().uniquenessKey())).toList();
    }

    @Override
    public void putMembership(Membership membership) {
        removeMembership(membership.teamId(), membership.userId());
        memberships.add(membership);
    }

    @Override
    public boolean removeMembership(TeamId team, UserId user) {
        return memberships.removeIf(m -> m.teamId().equals(team) && m.userId().equals(user));
    }

    @Override
    public List<Membership> membershipsOfUser(UserId user) {
        return memberships.stream().filter(m -> m.userId().equals(user)).toList();
    }

    @Override
    public List<Membership> membershipsOfTeam(TeamId team) {
        return memberships.stream().filter(m -> m.teamId().equals(team)).toList();
    }

    @Override
    public Object snapshot() {
        return new State(new LinkedHashMap<>(teams), new ArrayList<>(memberships));
    }

    @Override
    public void restore(Object snapshot) {
        State state = (State) snapshot;
        teams = new LinkedHashMap<>(state.teams());
        memberships = new ArrayList<>(state.memberships());
    }
}
