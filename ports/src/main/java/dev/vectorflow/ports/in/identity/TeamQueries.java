package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.Role;
import java.util.List;

/** Read side of teams. */
public interface TeamQueries {

    /** The viewer's teams (every team for a platform admin). */
    List<Team> listTeams(Principal viewer);

    Team getTeam(TeamId id) throws NotFoundFailure;

    List<Member> members(TeamId id);

    /** A member of a team with their account. */
    record Member(User user, Role role) {
    }
}
