package dev.vectorflow.ports.service.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.DomainFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Membership;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.in.identity.ManageTeamsUseCase;
import dev.vectorflow.ports.in.identity.TeamQueries;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.TeamRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UserRepository;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.service.UniqueNames;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Teams and their members. Team names are unique regardless of case. */
public final class TeamAdministrationService implements ManageTeamsUseCase, TeamQueries {

    private final Transactions transactions;
    private final TeamRepository teams;
    private final UserRepository users;
    private final EnvironmentRepository environments;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    public TeamAdministrationService(Transactions transactions, TeamRepository teams, UserRepository users,
                                     EnvironmentRepository environments, AuditLog audit, IdGenerator ids, Clock clock) {
        this.transactions = transactions;
        this.teams = teams;
        this.users = users;
        this.environments = environments;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    private static ConflictFailure nameTaken(TeamName name) {
        return ConflictFailure.onField("name", "A team named '" + name + "' already exists");
    }

    @Override
    public Team createTeam(Actor actor, TeamName name) throws ConflictFailure {
        return UniqueNames.claim(transactions, () -> nameTaken(name), () -> {
            if (teams.findByName(name).isPresent()) {
                throw nameTaken(name);
            }
            Team team = new Team(new TeamId(ids.newId()), name, clock.instant(), clock.instant());
            teams.insert(team);
            audit.append(new AuditEvent(actor, "team.create", "team", team.id().toString(), Optional.of(team.id().toString()),
                    Changes.none().field("name", null, name)));
            return team;
        });
    }

    @Override
    public Team renameTeam(Actor actor, TeamId id, TeamName name) throws NotFoundFailure, ConflictFailure {
        return UniqueNames.claimWithin(transactions, () -> nameTaken(name), () -> {
            Team current = teams.findById(id).orElseThrow(() -> new NotFoundFailure("Team", id));
            if (teams.findByName(name).filter(other -> !other.id().equals(id)).isPresent()) {
                throw nameTaken(name);
            }
            Team renamed = new Team(id, name, current.createdAt(), clock.instant());
            teams.update(renamed);
            audit.append(new AuditEvent(actor, "team.update", "team", id.toString(), Optional.of(id.toString()),
                    Changes.none().field("name", current.name(), name)));
            return renamed;
        });
    }

    @Override
    public void deleteTeam(Actor actor, TeamId id) throws NotFoundFailure, ConflictFailure {
        try {
            transactions.inTransaction(() -> {
                Team current = teams.findById(id).orElseThrow(() -> new NotFoundFailure("Team", id));
                long owned = environments.countByTeam(id);
                if (owned > 0) {
                    throw ConflictFailure.onState("The team still owns " + owned + " environment(s); delete or move them first.");
                }
                teams.delete(id);
                audit.append(new AuditEvent(actor, "team.delete", "team", id.toString(), Optional.of(id.toString()),
                        Changes.none().field("name", current.name(), null)));
                return null;
            });
        } catch (NotFoundFailure | ConflictFailure expected) {
            throw expected;
        } catch (DomainFailure unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    @Override
    public Membership putMember(Actor actor, TeamId team, Email email, Role role) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            teams.findById(team).orElseThrow(() -> new NotFoundFailure("Team", team));
            User user = users.findByEmail(email).orElseThrow(() -> new NotFoundFailure("User", email));
            Optional<Role> before = teams.membershipsOfTeam(team).stream()
                    .filter(m -> m.userId().equals(user.id())).map(Membership::role).findFirst();
            Membership membership = new Membership(team, user.id(), role);
            teams.putMembership(membership);
            audit.append(new AuditEvent(actor, before.isPresent() ? "team.change_member" : "team.add_member", "team", team.toString(),
                    Optional.of(team.toString()), Changes.none().field("member", null, user.email()).field("role", before.orElse(null), role)));
            return membership;
        });
    }

    @Override
    public void removeMember(Actor actor, TeamId team, UserId user) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            if (!teams.removeMembership(team, user)) {
                throw new NotFoundFailure("Member", user);
            }
            audit.append(new AuditEvent(actor, "team.remove_member", "team", team.toString(), Optional.of(team.toString()),
                    Changes.none().field("member", user, null)));
            return null;
        });
    }

    @Override
    public List<Team> listTeams(Principal viewer) {
        return transactions.inTransaction(() -> teams.findAll().stream()
                .filter(t -> viewer.seesAllTeams() || viewer.teams().contains(t.id()))
                .toList());
    }

    @Override
    public Team getTeam(TeamId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> teams.findById(id).orElseThrow(() -> new NotFoundFailure("Team", id)));
    }

    @Override
    public List<Member> members(TeamId id) {
        return transactions.inTransaction(() -> teams.membershipsOfTeam(id).stream()
                .flatMap(m -> users.findById(m.userId()).map(u -> new Member(u, m.role())).stream())
                .sorted(Comparator.comparing(m -> m.user().email().value()))
                .toList());
    }
}
