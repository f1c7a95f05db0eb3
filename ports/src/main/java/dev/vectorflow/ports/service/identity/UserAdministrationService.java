package dev.vectorflow.ports.service.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.DomainFailure;
import dev.vectorflow.core.failure.ForbiddenFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Membership;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.PersonName;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.in.identity.ManageUsersUseCase;
import dev.vectorflow.ports.in.identity.UserQueries;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.SessionRepository;
import dev.vectorflow.ports.out.persistence.TeamRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UserRepository;
import dev.vectorflow.ports.out.security.PasswordHasher;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.service.UniqueNames;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** User accounts, managed by platform admins. There is always at least one platform admin. */
public final class UserAdministrationService implements ManageUsersUseCase, UserQueries {

    private final Transactions transactions;
    private final UserRepository users;
    private final TeamRepository teams;
    private final SessionRepository sessions;
    private final AuditLog audit;
    private final PasswordHasher hasher;
    private final IdGenerator ids;
    private final Clock clock;

    public UserAdministrationService(Transactions transactions, UserRepository users, TeamRepository teams, SessionRepository sessions,
                                     AuditLog audit, PasswordHasher hasher, IdGenerator ids, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.teams = teams;
        this.sessions = sessions;
        this.audit = audit;
        this.hasher = hasher;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public User createUser(Actor actor, Email email, PersonName name, Password initialPassword, boolean platformAdmin)
            throws ConflictFailure {
        initialPassword.requireStrongEnough();
        return UniqueNames.claim(transactions, () -> ConflictFailure.onField("email", "A user with the e-mail address " + email + " exists already"), () -> {
            if (users.findByEmail(email).isPresent()) {
                throw ConflictFailure.onField("email", "A user with the e-mail address " + email + " exists already");
            }
            // an account made by someone else starts with a password its owner must replace
            User user = User.createWithInitialPassword(new UserId(ids.newId()), email, name, hasher.hash(initialPassword), platformAdmin,
                    clock.instant());
            users.insert(user);
            audit.append(new AuditEvent(actor, "user.create", "user", user.id().toString(), Optional.empty(), SetupService.created(user)));
            return user;
        });
    }

    @Override
    public User updateUser(Actor actor, UserId id, Optional<PersonName> name, Optional<Boolean> platformAdmin)
            throws NotFoundFailure, ForbiddenFailure {
        try {
            return transactions.inTransaction(() -> {
                User current = users.findById(id).orElseThrow(() -> new NotFoundFailure("User", id));
                boolean admin = platformAdmin.orElse(current.platformAdmin());
                if (current.platformAdmin() && !admin && platformAdminCount() <= 1) {
                    throw new ForbiddenFailure("The last platform admin cannot be demoted.");
                }
                User changed = current.withProfile(name.orElse(current.name()), admin, clock.instant());
                users.update(changed);
                audit.append(new AuditEvent(actor, "user.update", "user", id.toString(), Optional.empty(),
                        Changes.none().field("name", current.name(), changed.name()).field("platformAdmin", current.platformAdmin(), admin)));
                return changed;
            });
        } catch (NotFoundFailure | ForbiddenFailure expected) {
            throw expected;
        } catch (DomainFailure unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    @Override
    public void resetPassword(Actor actor, UserId id, Password temporary) throws NotFoundFailure {
        temporary.requireStrongEnough();
        transactions.inTransaction(() -> {
            User current = users.findById(id).orElseThrow(() -> new NotFoundFailure("User", id));
            users.update(current.withTemporaryPassword(hasher.hash(temporary), clock.instant()));
            sessions.deleteAllOf(id);
            audit.append(new AuditEvent(actor, "user.reset_password", "user", id.toString(), Optional.empty(),
                    Changes.none().secret("password", true, true).field("mustChangePassword", current.mustChangePassword(), true)));
            return null;
        });
    }

    @Override
    public void deleteUser(Actor actor, UserId id) throws NotFoundFailure, ForbiddenFailure {
        try {
            transactions.inTransaction(() -> {
                User current = users.findById(id).orElseThrow(() -> new NotFoundFailure("User", id));
                if (actor.principal() instanceof Principal.Member me && me.userId().equals(id)) {
                    throw new ForbiddenFailure("You cannot delete your own account.");
                }
                if (current.platformAdmin() && platformAdminCount() <= 1) {
                    throw new ForbiddenFailure("The last platform admin cannot be deleted.");
                }
                sessions.deleteAllOf(id);
                for (Membership m : teams.membershipsOfUser(id)) {
                    teams.removeMembership(m.teamId(), id);
                }
                users.delete(id);
                audit.append(new AuditEvent(actor, "user.delete", "user", id.toString(), Optional.empty(),
                        Changes.none().field("email", current.email(), null).field("name", current.name(), null)));
                return null;
            });
        } catch (NotFoundFailure | ForbiddenFailure expected) {
            throw expected;
        } catch (DomainFailure unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    private long platformAdminCount() {
        return users.findAll().stream().filter(User::platformAdmin).count();
    }

    @Override
    public List<User> listUsers() {
        return transactions.inTransaction(users::findAll);
    }

    @Override
    public User getUser(UserId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> users.findById(id).orElseThrow(() -> new NotFoundFailure("User", id)));
    }

    @Override
    public List<Membership> membershipsOf(UserId id) {
        return transactions.inTransaction(() -> teams.membershipsOfUser(id));
    }
}
