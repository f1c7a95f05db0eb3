package dev.vectorflow.ports.service.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.PersonName;
import dev.vectorflow.core.identity.SecretTokens;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.in.identity.SetupUseCase;
import dev.vectorflow.ports.in.identity.SignInUseCase.SignedIn;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.SetupTokenRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UserRepository;
import dev.vectorflow.ports.out.security.PasswordHasher;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.out.system.RandomTokens;
import dev.vectorflow.ports.service.UniqueNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** First-run setup through a one-time link, and platform admins made on the command line. */
public final class SetupService implements SetupUseCase {

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

    private final Transactions transactions;
    private final UserRepository users;
    private final SetupTokenRepository setupTokens;
    private final AuditLog audit;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final IdGenerator ids;
    private final RandomTokens random;
    private final Clock clock;

    public SetupService(Transactions transactions, UserRepository users, SetupTokenRepository setupTokens, AuditLog audit,
                        PasswordHasher hasher, SessionService sessions, IdGenerator ids, RandomTokens random, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.setupTokens = setupTokens;
        this.audit = audit;
        this.hasher = hasher;
        this.sessions = sessions;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public Optional<String> prepareSetupToken() {
        return transactions.inTransaction(() -> {
            if (users.count() > 0) {
                setupTokens.deleteAll();
                return Optional.<String>empty();
            }
            String token = random.hex(24);
            setupTokens.insert(SecretTokens.hash(token), clock.instant().plus(TOKEN_LIFETIME));
            return Optional.of(token);
        });
    }

    @Override
    public boolean setupRequired() {
        return transactions.inTransaction(() -> users.count() == 0);
    }

    @Override
    public SignedIn completeSetup(String setupToken, Email email, PersonName name, Password password, String sourceAddress,
                                  String userAgent) throws RejectedCredentialsFailure {
        password.requireStrongEnough();
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            if (setupToken == null || users.count() > 0 || !setupTokens.isValid(SecretTokens.hash(setupToken), now)) {
                throw new RejectedCredentialsFailure("This setup link is not valid (wrong, expired, or setup is already done).");
            }
            User admin = User.create(new UserId(ids.newId()), email, name, hasher.hash(password), true, now);
            users.insert(admin);
            setupTokens.deleteAll();
            audit.append(new AuditEvent(new Actor(new Principal.Anonymous(), sourceAddress, userAgent), "user.create",
                    "user", admin.id().toString(), Optional.empty(), created(admin).field("via", null, "setup link")));
            return sessions.openSession(admin, sourceAddress, userAgent, now);
        });
    }

    @Override
    public User createPlatformAdmin(Email email, PersonName name, Password password) throws ConflictFailure {
        password.requireStrongEnough();
        return UniqueNames.claim(transactions, () -> ConflictFailure.onField("email", "A user with the e-mail address " + email + " exists already"), () -> {
            if (users.findByEmail(email).isPresent()) {
                throw ConflictFailure.onField("email", "A user with the e-mail address " + email + " exists already");
            }
            User admin = User.create(new UserId(ids.newId()), email, name, hasher.hash(password), true, clock.instant());
            users.insert(admin);
            setupTokens.deleteAll();
            audit.append(new AuditEvent(Actor.commandLine(), "user.create", "user", admin.id().toString(), Optional.empty(),
                    created(admin).field("via", null, "command line")));
            return admin;
        });
    }

    static Changes created(User user) {
        return Changes.none().field("email", null, user.email()).field("name", null, user.name())
                .field("platformAdmin", null, user.platformAdmin()).secret("password", false, true);
    }
}
