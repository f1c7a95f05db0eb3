package dev.vectorflow.ports.out.persistence;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.identity.TeamId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Driven port: stores environments. Call it inside {@link Transactions#inTransaction}. */
public interface EnvironmentRepository {

    /** @throws UniqueViolation when the team has an environment with the same name ignoring case */
    void insert(Environment environment);

    /**
     * Replaces the stored environment with the same id.
     *
     * @return false when there is no such environment
     * @throws UniqueViolation when another environment of the team has the new name ignoring case
     */
    boolean update(Environment environment);

    /** @return false when there was no such environment */
    boolean delete(EnvironmentId id);

    Optional<Environment> findById(EnvironmentId id);

    /** Finds the team's environment whose name equals {@code name} ignoring case. */
    Optional<Environment> findByName(TeamId team, EnvironmentName name);

    /** Every environment, ordered by name ignoring case. */
    List<Environment> findAll();

    /** The environments of these teams, ordered by name ignoring case. */
    List<Environment> findByTeams(Collection<TeamId> teams);

    long countByTeam(TeamId team);
}
