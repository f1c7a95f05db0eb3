package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Membership;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.core.identity.UserId;

/** Use case: platform admins create, rename and delete teams; team admins manage members. Audited. */
public interface ManageTeamsUseCase {

    Team createTeam(Actor actor, TeamName name) throws ConflictFailure;

    Team renameTeam(Actor actor, TeamId id, TeamName name) throws NotFoundFailure, ConflictFailure;

    /** @throws ConflictFailure while the team still owns environments */
    void deleteTeam(Actor actor, TeamId id) throws NotFoundFailure, ConflictFailure;

    /** Adds the user with that e-mail to the team, or changes their role. */
    Membership putMember(Actor actor, TeamId team, Email email, Role role) throws NotFoundFailure;

    void removeMember(Actor actor, TeamId team, UserId user) throws NotFoundFailure;
}
