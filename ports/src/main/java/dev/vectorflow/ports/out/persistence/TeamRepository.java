package dev.vectorflow.ports.out.persistence;

import dev.vectorflow.core.identity.Membership;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.core.identity.UserId;
import java.util.List;
import java.util.Optional;

/** Driven port: stores teams and their memberships. */
public interface TeamRepository {

    /** @throws UniqueViolation when the name is taken (ignoring case) */
    void insert(Team team);

    /**
     * Replaces the name and the update time; the creation time never changes.
     *
     * @return false (storing nothing) when no such team exists
     * @throws UniqueViolation when the name is another team's (ignoring case)
     */
    boolean update(Team team);

    /** Deletes the team and its memberships; false when no such team exists. */
    boolean delete(TeamId id);

    Optional<Team> findById(TeamId id);

    Optional<Team> findByName(TeamName name);

    /** Every team, ordered by name ignoring case. */
    List<Team> findAll();

    /** Adds the membership or changes its role. */
    void putMembership(Membership membership);

    /** @return whether the user was a member of the team */
    boolean removeMembership(TeamId team, UserId user);

    List<Membership> membershipsOfUser(UserId user);

    List<Membership> membershipsOfTeam(TeamId team);
}
