package dev.vectorflow.ports.service.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.ForbiddenFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.identity.Base32;
import dev.vectorflow.core.identity.Membership;
import dev.vectorflow.core.identity.SecretTokens;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.core.settings.SettingsCatalog;
import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.ports.in.identity.ManageTwoFactorUseCase;
import dev.vectorflow.ports.in.identity.SignInUseCase;
import dev.vectorflow.ports.in.identity.SignInUseCase.SignInResult;
import dev.vectorflow.ports.in.identity.TwoFactorQueries;
import dev.vectorflow.ports.in.identity.VerifySecondFactorUseCase;
import dev.vectorflow.ports.out.identity.TotpAlgorithm;
import dev.vectorflow.ports.out.identity.TwoFactorRepository;
import dev.vectorflow.ports.out.identity.TwoFactorRepository.Challenge;
import dev.vectorflow.ports.out.identity.TwoFactorRepository.Enrollment;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.TeamRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UserRepository;
import dev.vectorflow.ports.out.system.RandomTokens;
import dev.vectorflow.ports.service.secret.KeyRingService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * TOTP second factors (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, one step of clock drift either way). A code is
 * accepted only for a step later than the last one used, so each counts once. Recovery codes are 16 random base32
 * characters (80 bits), stored as SHA-256 hashes and crossed off when used. The secret is sealed by the key ring.
 */
public final class TwoFactorService implements VerifySecondFactorUseCase, ManageTwoFactorUseCase, TwoFactorQueries {

    static final int RECOVERY_CODES = 10;
    static final int MAX_CHALLENGE_FAILURES = 5;
    private static final long STEP_SECONDS = 30;
    private static final Pattern TOTP_CODE = Pattern.compile("\\d{6}");
    private static final Pattern RECOVERY_CODE = Pattern.compile("[A-Z2-7]{16}");

    private final Transactions transactions;
    private final TwoFactorRepository repository;
    private final UserRepository users;
    private final TeamRepository teams;
    private final AuditLog audit;
    private final KeyRingService keyRing;
    private final TotpAlgorithm totp;
    private final RandomTokens random;
    private final Clock clock;
    private final SessionService sessions;
    private final Supplier<SettingsSnapshot> settings;

    public TwoFactorService(Transactions transactions, TwoFactorRepository repository, UserRepository users, TeamRepository teams,
                            AuditLog audit, KeyRingService keyRing, TotpAlgorithm totp, RandomTokens random, Clock clock,
                            SessionService sessions, Supplier<SettingsSnapshot> settings) {
        this.transactions = transactions;
        this.repository = repository;
        this.users = users;
        this.teams = teams;
        this.audit = audit;
        this.keyRing = keyRing;
        this.totp = totp;
        this.random = random;
        this.clock = clock;
        this.sessions = sessions;
        this.settings = settings;
    }

    /** A second factor is required of a local account when the platform requires it or one of its teams does. */
    static boolean required(SettingsSnapshot settings, TwoFactorRepository repository, User user, Set<TeamId> memberOf) {
        if (!user.hasPassword()) {
            return false;
        }
        if (settings.flag(SettingsCatalog.REQUIRE_TWO_FACTOR)) {
            return true;
        }
        if (memberOf.isEmpty()) {
            return false;
        }
        Set<TeamId> requiring = repository.teamsRequiringTwoFactor();
        return memberOf.stream().anyMatch(requiring::contains);
    }

    private static String secretContext(UserId user) {
        return "totp:" + user;
    }

    @Override
    public SignInResult verifySecondFactor(VerifySecondFactorCommand command) {
        Actor anonymous = new Actor(new Principal.Anonymous(), command.sourceAddress(), command.userAgent());
        if (command.challengeToken() == null || command.challengeToken().isBlank() || command.challengeToken().length() > 200) {
            return new SignInUseCase.Rejected();
        }
        String hash = SecretTokens.hash(command.challengeToken());
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Optional<Challenge> challenge = repository.findChallenge(hash).filter(c -> c.expiresAt().isAfter(now));
            if (challenge.isEmpty()) {
                repository.deleteChallenge(hash);
                return new SignInUseCase.Rejected();
            }
            Optional<User> found = users.findById(challenge.get().user());
            Optional<Enrollment> enrollment = found.flatMap(u -> repository.find(u.id())).filter(Enrollment::enabled);
            if (found.isEmpty() || enrollment.isEmpty()) {
                repository.deleteChallenge(hash);
                return new SignInUseCase.Rejected();
            }
            User user = found.get();
            if (user.lockedAt(now)) {
                repository.deleteChallenge(hash);
                audit.append(failure(anonymous, user, "locked"));
                return new SignInUseCase.LockedOut(Duration.between(now, user.lockedUntil().orElseThrow()));
            }
            Optional<Enrollment> used = accept(enrollment.get(), command.code(), now);
            if (used.isEmpty()) {
                User failed = user.failedSignIn(now);
                users.update(failed);
                Challenge c = challenge.get();
                if (c.failures() + 1 >= MAX_CHALLENGE_FAILURES || failed.lockedAt(now)) {
                    repository.deleteChallenge(hash);
                } else {
                    repository.putChallenge(new Challenge(c.tokenHash(), c.user(), c.expiresAt(), c.failures() + 1));
                }
                audit.append(failure(anonymous, user, "wrong second factor"));
                return failed.lockedAt(now) ? new SignInUseCase.LockedOut(Duration.between(now, failed.lockedUntil().orElseThrow()))
                        : new SignInUseCase.Rejected();
            }
            repository.put(used.get());
            repository.deleteChallenge(hash);
            User signedInUser = user.succeededSignIn();
            users.update(signedInUser);
            SignInUseCase.SignedIn signedIn = sessions.openSession(signedInUser, command.sourceAddress(), command.userAgent(), now);
            boolean recovery = used.get().recoveryCodeHashes().size() < enrollment.get().recoveryCodeHashes().size();
            audit.append(new AuditEvent(new Actor(signedIn.principal(), command.sourceAddress(), command.userAgent()), "auth.sign_in", "user",
                    user.id().toString(), Optional.empty(), Changes.none().field("secondFactor", null, recovery ? "recovery code" : "totp")
                            .field("recoveryCodesLeft", null, recovery ? used.get().recoveryCodeHashes().size() : null)));
            return signedIn;
        });
    }

    private static AuditEvent failure(Actor actor, User user, String reason) {
        return new AuditEvent(actor, "auth.sign_in_failed", "user", user.id().toString(), Optional.empty(),
                Changes.none().field("email", null, user.email().value()).field("reason", null, reason));
    }

    /**
     * The enrolment after {@code code} was used, when it is right: a TOTP code of a step after the last one used (within
     * a step of the clock), or an unused recovery code (which is crossed off).
     */
    private Optional<Enrollment> accept(Enrollment enrollment, String typed, Instant now) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
        if (TOTP_CODE.matcher(code).matches()) {
            byte[] secret = Base32.decode(new String(keyRing.open(enrollment.secretEnvelope(), secretContext(enrollment.user())),
                    StandardCharsets.UTF_8));
            long step = now.getEpochSecond() / STEP_SECONDS;
            int wanted = Integer.parseInt(code);
            for (long s = step - 1; s <= step + 1; s++) {
                if (s > enrollment.lastUsedStep() && totp.code(secret, s) == wanted) {
                    return Optional.of(new Enrollment(enrollment.user(), enrollment.secretEnvelope(), enrollment.enabledAt(), s,
                            enrollment.recoveryCodeHashes(), enrollment.createdAt()));
                }
            }
            return Optional.empty();
        }
        if (RECOVERY_CODE.matcher(code).matches()) {
            String hash = SecretTokens.hash(code);
            if (enrollment.recoveryCodeHashes().contains(hash)) {
                List<String> left = new ArrayList<>(enrollment.recoveryCodeHashes());
                left.remove(hash);
                return Optional.of(new Enrollment(enrollment.user(), enrollment.secretEnvelope(), enrollment.enabledAt(),
                        enrollment.lastUsedStep(), left, enrollment.createdAt()));
            }
        }
        return Optional.empty();
    }

    @Override
    public PendingEnrollment beginEnrollment(Actor actor, UserId userId) throws ConflictFailure {
        return transactions.inTransaction(() -> {
            User user = users.findById(userId).orElseThrow(() -> ConflictFailure.onState("The account no longer exists."));
            if (!user.hasPassword()) {
                throw ConflictFailure.onState("This account signs in through an identity provider; its second factor is the provider's.");
            }
            Optional<Enrollment> existing = repository.find(userId);
            if (existing.filter(Enrollment::enabled).isPresent()) {
                throw ConflictFailure.onState("A second factor is on already; turn it off first to enrol a new one.");
            }
            String secret = Base32.encode(HexFormat.of().parseHex(random.hex(20)));
            repository.put(new Enrollment(userId, keyRing.seal(secret.getBytes(StandardCharsets.UTF_8), secretContext(userId)),
                    Optional.empty(), 0, List.of(), clock.instant()));
            String label = URLEncoder.encode("VectorFlow:" + user.email().value(), StandardCharsets.UTF_8).replace("+", "%20");
            return new PendingEnrollment(secret, "otpauth://totp/" + label + "?secret=" + secret
                    + "&issuer=VectorFlow&algorithm=SHA1&digits=6&period=30");
        });
    }

    @Override
    public List<String> confirmEnrollment(Actor actor, UserId user, String code) throws RejectedCredentialsFailure, ConflictFailure {
        try {
            return transactions.inTransaction(() -> {
                Enrollment pending = repository.find(user).filter(e -> !e.enabled())
                        .orElseThrow(() -> ConflictFailure.onState("No enrolment is waiting for its first code; begin one first."));
                Instant now = clock.instant();
                Enrollment checked = accept(pending, code, now).filter(e -> e.lastUsedStep() > 0)
                        .orElseThrow(() -> new RejectedCredentialsFailure("The code is wrong; type the 6 digits your app shows now."));
                List<String> codes = recoveryCodes();
                repository.put(new Enrollment(user, checked.secretEnvelope(), Optional.of(now), checked.lastUsedStep(), hashes(codes),
                        checked.createdAt()));
                audit.append(new AuditEvent(actor, "user.two_factor_enable", "user", user.toString(), Optional.empty(),
                        Changes.none().field("twoFactor", false, true).secret("recoveryCodes", false, true)));
                return codes;
            });
        } catch (RejectedCredentialsFailure | ConflictFailure expected) {
            throw expected;
        } catch (dev.vectorflow.core.failure.DomainFailure unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    @Override
    public List<String> regenerateRecoveryCodes(Actor actor, UserId user, String code) throws RejectedCredentialsFailure, ConflictFailure {
        try {
            return transactions.inTransaction(() -> {
                Enrollment enabled = enabledOf(user);
                Enrollment checked = accept(enabled, code, clock.instant())
                        .orElseThrow(() -> new RejectedCredentialsFailure("The code is wrong or was used already."));
                List<String> codes = recoveryCodes();
                repository.put(new Enrollment(user, checked.secretEnvelope(), checked.enabledAt(), checked.lastUsedStep(), hashes(codes),
                        checked.createdAt()));
                audit.append(new AuditEvent(actor, "user.two_factor_recovery_codes", "user", user.toString(), Optional.empty(),
                        Changes.none().secret("recoveryCodes", true, true)));
                return codes;
            });
        } catch (RejectedCredentialsFailure | ConflictFailure expected) {
            throw expected;
        } catch (dev.vectorflow.core.failure.DomainFailure unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    @Override
    public void disable(Actor actor, UserId userId, String code) throws RejectedCredentialsFailure, ConflictFailure, ForbiddenFailure {
        try {
            transactions.inTransaction(() -> {
                Enrollment enabled = enabledOf(userId);
                User user = users.findById(userId).orElseThrow(() -> ConflictFailure.onState("The account no longer exists."));
                if (required(settings.get(), repository, user, memberships(userId))) {
                    throw new ForbiddenFailure("A second factor is required of this account (by the platform or one of its teams); it cannot be"
                            + " turned off. A platform admin can reset it.");
                }
                accept(enabled, code, clock.instant()).orElseThrow(() -> new RejectedCredentialsFailure("The code is wrong or was used already."));
                repository.delete(userId);
                audit.append(new AuditEvent(actor, "user.two_factor_disable", "user", userId.toString(), Optional.empty(),
                        Changes.none().field("twoFactor", true, false)));
                return null;
            });
        } catch (RejectedCredentialsFailure | ConflictFailure | ForbiddenFailure expected) {
            throw expected;
        } catch (dev.vectorflow.core.failure.DomainFailure unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    @Override
    public void reset(Actor actor, UserId userId) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            users.findById(userId).orElseThrow(() -> new NotFoundFailure("User", userId));
            boolean had = repository.find(userId).filter(Enrollment::enabled).isPresent();
            repository.delete(userId);
            audit.append(new AuditEvent(actor, "user.two_factor_reset", "user", userId.toString(), Optional.empty(),
                    Changes.none().field("twoFactor", had, false)));
            return null;
        });
    }

    @Override
    public void setTeamRequirement(Actor actor, TeamId team, boolean required) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            teams.findById(team).orElseThrow(() -> new NotFoundFailure("Team", team));
            boolean before = repository.teamsRequiringTwoFactor().contains(team);
            if (before != required) {
                repository.setTeamRequiresTwoFactor(team, required);
                audit.append(new AuditEvent(actor, "team.require_two_factor", "team", team.toString(), Optional.of(team.toString()),
                        Changes.none().field("requireTwoFactor", before, required)));
            }
            return null;
        });
    }

    @Override
    public TwoFactorStatus twoFactorStatus(UserId userId) {
        return transactions.inTransaction(() -> {
            Optional<Enrollment> enrollment = repository.find(userId);
            boolean required = users.findById(userId).map(u -> required(settings.get(), repository, u, memberships(userId))).orElse(false);
            return new TwoFactorStatus(enrollment.filter(Enrollment::enabled).isPresent(), enrollment.filter(e -> !e.enabled()).isPresent(),
                    enrollment.filter(Enrollment::enabled).map(e -> e.recoveryCodeHashes().size()).orElse(0), required);
        });
    }

    @Override
    public Set<TeamId> teamsRequiringTwoFactor() {
        return transactions.inTransaction(repository::teamsRequiringTwoFactor);
    }

    private Set<TeamId> memberships(UserId user) {
        Set<TeamId> of = new java.util.HashSet<>();
        for (Membership m : teams.membershipsOfUser(user)) {
            of.add(m.teamId());
        }
        return of;
    }

    private Enrollment enabledOf(UserId user) throws ConflictFailure {
        return repository.find(user).filter(Enrollment::enabled)
                .orElseThrow(() -> ConflictFailure.onState("This account has no second factor."));
    }

    /** New recovery codes as shown once: four groups of four ({@code ABCD-EFGH-IJKL-MNOP}). */
    private List<String> recoveryCodes() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String code = Base32.encode(HexFormat.of().parseHex(random.hex(10)));
            codes.add(code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8, 12) + "-" + code.substring(12));
        }
        return codes;
    }

    /** How recovery codes are kept: the SHA-256 of the 16 characters without dashes. */
    private static List<String> hashes(List<String> codes) {
        return codes.stream().map(c -> SecretTokens.hash(c.replace("-", ""))).toList();
    }
}
