package dev.vectorflow.ports.service.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.identity.ApiToken;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.SecretTokens;
import dev.vectorflow.core.identity.Session;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.identity.AuthenticateUseCase;
import dev.vectorflow.ports.in.identity.ChangePasswordUseCase;
import dev.vectorflow.ports.in.identity.SignInUseCase;
import dev.vectorflow.ports.in.identity.SignOutUseCase;
import dev.vectorflow.ports.out.persistence.ApiTokenRepository;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.SessionRepository;
import dev.vectorflow.ports.out.persistence.TeamRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UserRepository;
import dev.vectorflow.ports.out.security.PasswordHasher;
import dev.vectorflow.ports.out.system.RandomTokens;
import dev.vectorflow.core.settings.SettingsCatalog;
import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.ports.out.identity.OidcSignIns;
import dev.vectorflow.ports.out.identity.TwoFactorRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Sign-in with lockout, sessions (idle and absolute expiry), API-token authentication, sign-out and password change. */
public final class SessionService implements SignInUseCase, AuthenticateUseCase, SignOutUseCase, ChangePasswordUseCase {

    /** How stale lastSeenAt may get before a request writes it again (saves a write per request). */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final Transactions transactions;
    private final UserRepository users;
    private final TeamRepository teams;
    private final SessionRepository sessions;
    private final ApiTokenRepository apiTokens;
    private final AuditLog audit;
    private final PasswordHasher hasher;
    private final RandomTokens random;
    private final Clock clock;
    private final SessionPolicy policy;
    private final String decoyHash;
    private final TwoFactorRepository twoFactor;
    private final OidcSignIns oidcSignIns;
    private final java.util.function.Supplier<SettingsSnapshot> settings;

    /** How long the second step of a sign-in with a second factor may take. */
    static final Duration SECOND_FACTOR_WINDOW = Duration.ofMinutes(5);

    public SessionService(Transactions transactions, UserRepository users, TeamRepository teams, SessionRepository sessions,
                          ApiTokenRepository apiTokens, AuditLog audit, PasswordHasher hasher, RandomTokens random, Clock clock,
                          SessionPolicy policy, TwoFactorRepository twoFactor, OidcSignIns oidcSignIns,
                          java.util.function.Supplier<SettingsSnapshot> settings) {
        this.twoFactor = twoFactor;
        this.oidcSignIns = oidcSignIns;
        this.settings = settings;
        this.transactions = transactions;
        this.users = users;
        this.teams = teams;
        this.sessions = sessions;
        this.apiTokens = apiTokens;
        this.audit = audit;
        this.hasher = hasher;
        this.random = random;
        this.clock = clock;
        this.policy = policy;
        // an unknown e-mail costs the same hashing work as a known one
        this.decoyHash = hasher.hash(new Password(random.hex(16)));
    }

    @Override
    public SignInResult signIn(SignInCommand command) {
        Actor actor = new Actor(new Principal.Anonymous(), command.sourceAddress(), command.userAgent());
        Optional<Email> email;
        Optional<Password> password;
        try {
            email = Optional.of(new Email(command.email()));
            password = Optional.of(new Password(command.password()));
        } catch (InvalidValueException malformed) {
            email = Optional.empty();
            password = Optional.empty();
        }
        Optional<Email> givenEmail = email;
        Optional<Password> givenPassword = password;
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Optional<User> found = givenEmail.flatMap(users::findByEmail);
            if (found.isPresent() && found.get().lockedAt(now)) {
                audit.append(failure(actor, command.email(), "locked"));
                return new LockedOut(Duration.between(now, found.get().lockedUntil().orElseThrow()));
            }
            // an account without a password costs the same work as an unknown one, and matches nothing
            boolean matches = givenPassword.isPresent()
                    && hasher.matches(givenPassword.get(), found.filter(User::hasPassword).map(User::passwordHash).orElse(decoyHash))
                    && found.filter(User::hasPassword).isPresent();
            if (!matches) {
                found.ifPresent(user -> users.update(user.failedSignIn(now)));
                audit.append(failure(actor, command.email(), "wrong email or password"));
                return new Rejected();
            }
            SettingsSnapshot policyNow = settings.get();
            if (!policyNow.flag(SettingsCatalog.LOCAL_SIGN_IN) && !found.get().email().value().equals(policyNow.text(SettingsCatalog.BREAK_GLASS_EMAIL))) {
                audit.append(failure(actor, command.email(), "local sign-in is turned off"));
                return new LocalSignInDisabled();
            }
            User user = found.get();
            if (hasher.needsRehash(user.passwordHash())) {
                user = user.withRehashedPassword(hasher.hash(givenPassword.get()));
            }
            if (twoFactor.find(user.id()).filter(TwoFactorRepository.Enrollment::enabled).isPresent()) {
                // the failures count on until the second factor is right as well
                users.update(user);
                String token = random.hex(32);
                twoFactor.deleteExpiredChallenges(now);
                twoFactor.putChallenge(new TwoFactorRepository.Challenge(SecretTokens.hash(token), user.id(), now.plus(SECOND_FACTOR_WINDOW), 0));
                audit.append(new AuditEvent(actor, "auth.second_factor_required", "user", user.id().toString(), Optional.empty(),
                        Changes.none().field("email", null, user.email().value())));
                return new SecondFactorRequired(token);
            }
            user = user.succeededSignIn();
            users.update(user);
            // expired sessions are only ever removed here and on use; sign-ins are rare enough to carry it
            sessions.deleteExpired(now, now.minus(policy.idleTimeout()));
            SignedIn signedIn = openSession(user, command.sourceAddress(), command.userAgent(), now);
            audit.append(new AuditEvent(new Actor(signedIn.principal(), command.sourceAddress(), command.userAgent()), "auth.sign_in", "user", user.id().toString(), Optional.empty(),
                    Changes.none()));
            return signedIn;
        });
    }

    /** Opens a new session for {@code user} (also used by setup); runs inside the caller's unit of work. */
    SignedIn openSession(User user, String sourceAddress, String userAgent, Instant now) {
        String token = random.hex(32);
        Session session = new Session(SecretTokens.hash(token), user.id(), random.hex(32), now, now,
                now.plus(policy.absoluteLifetime()), sourceAddress, userAgent);
        sessions.insert(session);
        return new SignedIn(token, session, user, Principals.of(user, teams, Optional.empty(), Optional.empty()));
    }

    private static AuditEvent failure(Actor actor, String email, String reason) {
        String shownEmail = email == null ? "" : email.substring(0, Math.min(email.length(), 254));
        return new AuditEvent(actor, "auth.sign_in_failed", "user", "", Optional.empty(),
                Changes.none().field("email", null, shownEmail).field("reason", null, reason));
    }

    @Override
    public Optional<SessionPrincipal> bySession(String sessionToken) {
        if (sessionToken == null || sessionToken.isBlank() || sessionToken.length() > 200) {
            return Optional.empty();
        }
        String hash = SecretTokens.hash(sessionToken);
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Optional<Session> session = sessions.findByIdHash(hash);
            if (session.isEmpty()) {
                return Optional.<SessionPrincipal>empty();
            }
            if (!session.get().activeAt(now, policy.idleTimeout())) {
                sessions.delete(hash);
                return Optional.<SessionPrincipal>empty();
            }
            Optional<User> user = users.findById(session.get().userId());
            if (user.isEmpty()) {
                return Optional.<SessionPrincipal>empty();
            }
            if (session.get().lastSeenAt().plus(TOUCH_INTERVAL).isBefore(now)) {
                sessions.touch(hash, now);
            }
            Principal.Member member = Principals.of(user.get(), teams, Optional.empty(), Optional.empty());
            return Optional.of(new SessionPrincipal(member, session.get(), mustEnrollTwoFactor(user.get(), member, hash)));
        });
    }

    /** A second factor is required of this user, they have none, and this session did not come from an identity provider. */
    private boolean mustEnrollTwoFactor(User user, Principal.Member member, String sessionHash) {
        if (!TwoFactorService.required(settings.get(), twoFactor, user, member.roles().keySet())) {
            return false;
        }
        return twoFactor.find(user.id()).filter(TwoFactorRepository.Enrollment::enabled).isEmpty() && oidcSignIns.sessionOf(sessionHash).isEmpty();
    }

    @Override
    public Optional<Principal> byApiToken(String token) {
        if (token == null || !token.startsWith(SecretTokens.API_TOKEN_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        String hash = SecretTokens.hash(token);
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Optional<ApiToken> found = apiTokens.findByHash(hash).filter(t -> t.usableAt(now));
            if (found.isEmpty()) {
                return Optional.<Principal>empty();
            }
            ApiToken apiToken = found.get();
            if (apiToken.lastUsedAt().map(t -> t.plus(TOUCH_INTERVAL).isBefore(now)).orElse(true)) {
                apiTokens.markUsed(apiToken.id(), now);
            }
            if (apiToken.team().isPresent()) {
                return Optional.<Principal>of(new Principal.TeamToken(apiToken.id(), apiToken.name(), apiToken.team().get(), apiToken.role()));
            }
            return users.findById(apiToken.user().orElseThrow())
                    .map(user -> (Principal) Principals.of(user, teams, Optional.of(apiToken.role()), Optional.of(apiToken.id())));
        });
    }

    @Override
    public void signOut(Actor actor, String sessionToken) {
        transactions.inTransaction(() -> {
            String hash = SecretTokens.hash(sessionToken);
            Optional<Session> session = sessions.findByIdHash(hash);
            if (sessions.delete(hash)) {
                audit.append(new AuditEvent(actor, "auth.sign_out", "user", session.map(s -> s.userId().toString()).orElse(""),
                        Optional.empty(), Changes.none()));
            }
            return null;
        });
    }

    @Override
    public void signOutEverywhere(Actor actor, UserId user) {
        transactions.inTransaction(() -> {
            int ended = sessions.deleteAllOf(user);
            audit.append(new AuditEvent(actor, "auth.sign_out_everywhere", "user", user.toString(), Optional.empty(),
                    Changes.none().field("sessionsEnded", null, ended)));
            return null;
        });
    }

    @Override
    public void changePassword(Actor actor, UserId userId, Password current, Password replacement, String keepSessionToken)
            throws RejectedCredentialsFailure {
        replacement.requireStrongEnough();
        transactions.inTransaction(() -> {
            User user = users.findById(userId).orElseThrow(() -> new RejectedCredentialsFailure("The current password is wrong."));
            if (!hasher.matches(current, user.passwordHash())) {
                throw new RejectedCredentialsFailure("The current password is wrong.");
            }
            if (current.value().equals(replacement.value())) {
                throw new InvalidValueException("newPassword", "must differ from the current password");
            }
            users.update(user.withChosenPassword(hasher.hash(replacement), clock.instant()));
            // every other session ends: whoever knew the old password is out
            Optional<Session> kept = keepSessionToken == null ? Optional.empty() : sessions.findByIdHash(SecretTokens.hash(keepSessionToken));
            sessions.deleteAllOf(userId);
            kept.ifPresent(sessions::insert);
            audit.append(new AuditEvent(actor, "user.change_password", "user", userId.toString(), Optional.empty(),
                    Changes.none().secret("password", true, true)));
            return null;
        });
    }
}
