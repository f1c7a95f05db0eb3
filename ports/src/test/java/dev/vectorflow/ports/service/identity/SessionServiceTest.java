package dev.vectorflow.ports.service.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.PersonName;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.ports.fake.InMemoryAuditLog;
import dev.vectorflow.ports.fake.InMemorySessionRepository;
import dev.vectorflow.ports.fake.InMemoryTeamRepository;
import dev.vectorflow.ports.fake.InMemoryTransactions;
import dev.vectorflow.ports.fake.InMemoryTwoFactorRepository;
import dev.vectorflow.ports.fake.InMemoryUserRepository;
import dev.vectorflow.ports.fake.PlainPasswordHasher;
import dev.vectorflow.ports.fake.SettableClock;
import dev.vectorflow.ports.in.identity.SignInUseCase.LockedOut;
import dev.vectorflow.ports.in.identity.SignInUseCase.Rejected;
import dev.vectorflow.ports.in.identity.SignInUseCase.SignInCommand;
import dev.vectorflow.ports.in.identity.SignInUseCase.SignInResult;
import dev.vectorflow.ports.in.identity.SignInUseCase.SignedIn;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sign-in and sessions on in-memory fakes: sessions expire, failures lock an account, a password change ends other sessions. */
class SessionServiceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String PASSWORD = "correct horse battery";

    private final SettableClock clock = new SettableClock(T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryUserRepository users = transactions.register(new InMemoryUserRepository());
    private final InMemorySessionRepository sessions = transactions.register(new InMemorySessionRepository());
    private final InMemoryAuditLog audit = transactions.register(new InMemoryAuditLog(clock));
    private final AtomicInteger random = new AtomicInteger();
    private final SessionService service = new SessionService(transactions, users, transactions.register(new InMemoryTeamRepository()), sessions,
            null, audit, new PlainPasswordHasher(), bytes -> ("%0" + (bytes * 2) + "x").formatted(random.incrementAndGet()), clock,
            new SessionPolicy(Duration.ofHours(8), Duration.ofDays(7)), transactions.register(new InMemoryTwoFactorRepository()), null,
            SettingsSnapshot::defaults);
    private final User ada = User.create(new UserId(UUID.randomUUID()), new Email("ada@example.com"), new PersonName("Ada"), "plain:" + PASSWORD,
            false, T0);

    {
        transactions.inTransaction(() -> {
            users.insert(ada);
            return null;
        });
    }

    private SignInResult signIn(String email, String password) {
        return service.signIn(new SignInCommand(email, password, "10.0.0.1", "test"));
    }

    @Test
    void theRightPassword_opensASession_foundByItsToken_untilItIdlesOut() {
        SignedIn signedIn = (SignedIn) signIn("ada@example.com", PASSWORD);

        assertThat(service.bySession(signedIn.sessionToken())).hasValueSatisfying(s -> assertThat(s.principal().userId()).isEqualTo(ada.id()));
        assertThat(sessions.findByIdHash(signedIn.sessionToken())).as("only the hash is stored").isEmpty();
        clock.advance(Duration.ofHours(9));
        assertThat(service.bySession(signedIn.sessionToken())).isEmpty();
        assertThat(sessions.size()).as("an expired session is removed when it is used").isZero();
        assertThat(audit.all()).extracting(AuditEntry::action).containsExactly("auth.sign_in");
    }

    @Test
    void aWrongPasswordOrUnknownEmail_isRejectedAlike_andFiveFailuresLockTheAccount() {
        assertThat(signIn("nobody@example.com", PASSWORD)).isInstanceOf(Rejected.class);
        for (int i = 0; i < User.LOCK_AFTER_FAILURES; i++) {
            assertThat(signIn("ada@example.com", "wrong password!")).isInstanceOf(Rejected.class);
        }

        assertThat(signIn("ada@example.com", PASSWORD)).isInstanceOfSatisfying(LockedOut.class,
                locked -> assertThat(locked.retryAfter()).isEqualTo(User.LOCK_DURATION));
        clock.advance(User.LOCK_DURATION.plusSeconds(1));
        assertThat(signIn("ada@example.com", PASSWORD)).isInstanceOf(SignedIn.class);
        assertThat(audit.all()).filteredOn(e -> e.action().equals("auth.sign_in_failed")).hasSize(User.LOCK_AFTER_FAILURES + 2);
    }

    @Test
    void aPasswordWithWeakParameters_isRehashedAtSignIn() {
        transactions.inTransaction(() -> users.update(ada.withRehashedPassword("weak:" + PASSWORD)));

        signIn("ada@example.com", PASSWORD);

        String rehashed = users.findById(ada.id()).orElseThrow().passwordHash();
        assertThat(new PlainPasswordHasher().needsRehash(rehashed)).as("stored with the current parameters: %s", rehashed).isFalse();
        assertThat(new PlainPasswordHasher().matches(new Password(PASSWORD), rehashed)).isTrue();
    }

    @Test
    void aPasswordChange_endsEverySessionButTheOneItCameFrom() throws Exception {
        SignedIn here = (SignedIn) signIn("ada@example.com", PASSWORD);
        SignedIn elsewhere = (SignedIn) signIn("ada@example.com", PASSWORD);

        service.changePassword(Actor.commandLine(), ada.id(), new Password(PASSWORD), new Password("a much longer passphrase"), here.sessionToken());

        assertThat(service.bySession(here.sessionToken())).isPresent();
        assertThat(service.bySession(elsewhere.sessionToken())).isEmpty();
        assertThat(signIn("ada@example.com", "a much longer passphrase")).isInstanceOf(SignedIn.class);
        assertThatThrownBy(() -> service.changePassword(Actor.commandLine(), ada.id(), new Password(PASSWORD), new Password("yet another long one"),
                null)).isInstanceOf(RejectedCredentialsFailure.class);
    }

    @Test
    void signingOut_endsTheSession_andSigningOutEverywhere_endsThemAll() {
        SignedIn one = (SignedIn) signIn("ada@example.com", PASSWORD);
        SignedIn two = (SignedIn) signIn("ada@example.com", PASSWORD);

        service.signOut(Actor.commandLine(), one.sessionToken());
        assertThat(service.bySession(one.sessionToken())).isEmpty();
        assertThat(service.bySession(two.sessionToken())).isPresent();

        service.signOutEverywhere(Actor.commandLine(), ada.id());
        assertThat(service.bySession(two.sessionToken())).isEmpty();
    }
}
