package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import dev.vectorflow.core.identity.TeamId;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link EnvironmentRepository} over a map. */
public final class InMemoryEnvironmentRepository implements EnvironmentRepository, InMemoryTransactions.Participant {

    private Map<EnvironmentId, Environment> rows = new LinkedHashMap<>();

    @Override
    public void insert(Environment environment) {
        requireNameFree(environment);
        if (rows.containsKey(environment.id())) {
            throw new UniqueViolation("duplicate id " + environment.id(), null);
        }
        rows.put(environment.id(), environment);
    }

    @Override
    public boolean update(Environment environment) {
        if (!rows.containsKey(environment.id())) {
            return false;
        }
        requireNameFree(environment);
        rows.put(environment.id(), environment);
        return true;
    }

    @Override
    public boolean delete(EnvironmentId id) {
        return rows.remove(id) != null;
    }

    @Override
    public Optional<Environment> findById(EnvironmentId id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public Optional<Environment> findByName(TeamId team, EnvironmentName name) {
        return rows.values().stream()
                .filter(e -> e.teamId().equals(team) && e.name().uniquenessKey().equals(name.uniquenessKey()))
                .findFirst();
    }

    @Override
    public List<Environment> findAll() {
        return rows.values().stream()
                .sorted(Comparator.comparing((Environment e) -> e.name().uniquenessKey()).thenComparing(e -> e.name().value()))
                .toList();
    }

    @Override
    public List<Environment> findByTeams(Collection<TeamId> teams) {
        return findAll().stream().filter(e -> teams.contains(e.teamId())).toList();
    }

    @Override
    public long countByTeam(TeamId team) {
        return rows.values().stream().filter(e -> e.teamId().equals(team)).count();
    }

    private void requireNameFree(Environment environment) {
        findByName(environment.teamId(), environment.name())
                .filter(other -> !other.id().equals(environment.id()))
                .ifPresent(other -> {
                    throw new UniqueViolation("environment name taken: " + environment.name(), null);
                });
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        rows = new LinkedHashMap<>((Map<EnvironmentId, Environment>) snapshot);
    }
}
