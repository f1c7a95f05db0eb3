package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.identity.Membership;
import dev.vectorflow.core.identity.OidcProvider;
import dev.vectorflow.core.identity.OidcProviderId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.Session;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.identity.OidcSignIns;
import dev.vectorflow.ports.out.identity.OidcSignIns.PendingSignIn;
import dev.vectorflow.ports.out.identity.OidcSignIns.ProviderSession;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link OidcSignIns} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class OidcSignInsContract extends FleetStoreContract {

    /** Long before every other pending sign-in of these tests: only the expiry test's rows expire before it. */
    private static final Instant LONG_AGO = Instant.parse("2001-01-01T00:00:00Z");

    private OidcSignIns signIns() {
        return store().oidcSignIns();
    }

    private OidcProviderId newProvider() {
        OidcProvider provider = new OidcProvider(new OidcProviderId(UUID.randomUUID()), "idp " + UUID.randomUUID().toString().substring(0, 13),
                URI.create("https://login.example.com/"), "vectorflow", Optional.empty(), List.of("openid"), "email", "groups", false, false,
                List.of(), Optional.empty(), Optional.empty(), false, T0, T0);
        inTransaction(() -> store().oidcProviders().insert(provider));
        return provider.id();
    }

    private static PendingSignIn pending(OidcProviderId provider, Instant expiresAt) {
        return new PendingSignIn(hash("state-" + UUID.randomUUID()), provider, "nonce-" + UUID.randomUUID(), "verifier-" + UUID.randomUUID(),
                hash("browser-" + UUID.randomUUID()), URI.create("https://vf.example.test/api/v1/auth/oidc/callback"), T0.plusNanos(123_456_000),
                expiresAt);
    }

    private TeamId memberOfNewTeam(UserId user) {
        TeamId team = newTeam().id();
        inTransaction(() -> store().teams().putMembership(new Membership(team, user, Role.VIEWER)));
        return team;
    }

    @Test
    void givenAPendingSignIn_whenTakenTwice_thenTheFirstTakeReturnsItUnchanged_andTheSecondFindsNothing() {
        PendingSignIn pending = pending(newProvider(), T0.plus(Duration.ofMinutes(10)));
        inTransaction(() -> signIns().insertPending(pending));

        assertThat(inTransaction(() -> signIns().takePending(pending.stateHash()))).contains(pending);
        assertThat(inTransaction(() -> signIns().takePending(pending.stateHash()))).isEmpty();
        assertThat(inTransaction(() -> signIns().takePending(hash("never-" + UUID.randomUUID())))).isEmpty();
    }

    @Test
    void givenAPendingSignInWithThatState_whenAnotherIsInserted_thenItIsRefusedAsAUniqueViolation() {
        OidcProviderId provider = newProvider();
        PendingSignIn first = pending(provider, T0.plus(Duration.ofMinutes(10)));
        inTransaction(() -> signIns().insertPending(first));
        PendingSignIn same = new PendingSignIn(first.stateHash(), provider, "other", "other", first.browserHash(), first.redirectUri(), T0,
                T0.plus(Duration.ofMinutes(5)));

        assertThatThrownBy(() -> inTransaction(() -> signIns().insertPending(same))).isInstanceOf(UniqueViolation.class);
        assertThat(inTransaction(() -> signIns().takePending(first.stateHash()))).contains(first);
    }

    @Test
    void givenPendingSignIns_whenExpiredOnesAreDeleted_thenOnlyThoseExpiringBeforeNowGo_andTheirNumberIsReturned() {
        OidcProviderId provider = newProvider();
        PendingSignIn expired = pending(provider, LONG_AGO.minusSeconds(1));
        PendingSignIn expiringNow = pending(provider, LONG_AGO);
        PendingSignIn later = pending(provider, LONG_AGO.plusSeconds(1));
        inTransaction(() -> List.of(expired, expiringNow, later).forEach(signIns()::insertPending));

        assertThat(inTransaction(() -> signIns().deleteExpiredPending(LONG_AGO))).isEqualTo(1);

        assertThat(inTransaction(() -> signIns().takePending(expired.stateHash()))).isEmpty();
        assertThat(inTransaction(() -> signIns().takePending(expiringNow.stateHash()))).contains(expiringNow);
        assertThat(inTransaction(() -> signIns().takePending(later.stateHash()))).contains(later);
    }

    @Test
    void givenWorkThatThrows_whenItTookAPendingSignIn_thenTheSignInIsStillPending() {
        PendingSignIn pending = pending(newProvider(), T0.plus(Duration.ofMinutes(10)));
        inTransaction(() -> signIns().insertPending(pending));

        assertThatThrownBy(() -> inTransaction(() -> {
            signIns().takePending(pending.stateHash());
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(inTransaction(() -> signIns().takePending(pending.stateHash()))).contains(pending);
    }

    @Test
    void givenALinkedSubject_whenLinkedAgainToAnotherAccount_thenItLeadsToTheNewAccount_andOtherProvidersSubjectsAreApart() {
        OidcProviderId provider = newProvider();
        OidcProviderId other = newProvider();
        UserId ann = newUser().id();
        UserId bob = newUser().id();

        assertThat(inTransaction(() -> signIns().linkedUser(provider, "sub-1"))).isEmpty();
        inTransaction(() -> signIns().link(provider, "sub-1", ann, T0));
        assertThat(inTransaction(() -> signIns().linkedUser(provider, "sub-1"))).contains(ann);
        assertThat(inTransaction(() -> signIns().linkedUser(other, "sub-1"))).isEmpty();
        assertThat(inTransaction(() -> signIns().linkedUser(provider, "SUB-1"))).as("subjects are compared exactly").isEmpty();

        inTransaction(() -> signIns().link(provider, "sub-1", bob, T0.plusSeconds(60)));
        assertThat(inTransaction(() -> signIns().linkedUser(provider, "sub-1"))).contains(bob);
    }

    @Test
    void givenMembershipsMarkedManaged_thenEachProviderSeesOnlyItsOwn_andUnmarkingOrMarkingForAnotherProviderMovesIt() {
        OidcProviderId provider = newProvider();
        OidcProviderId other = newProvider();
        UserId user = newUser().id();
        TeamId ops = memberOfNewTeam(user);
        TeamId dev = memberOfNewTeam(user);
        TeamId manual = memberOfNewTeam(user);

        inTransaction(() -> {
            signIns().setManaged(user, ops, provider, true);
            signIns().setManaged(user, dev, provider, true);
        });
        assertThat(inTransaction(() -> signIns().managedTeams(user, provider))).containsExactlyInAnyOrder(ops, dev).doesNotContain(manual);
        assertThat(inTransaction(() -> signIns().managedTeams(user, other))).isEmpty();

        inTransaction(() -> {
            signIns().setManaged(user, ops, provider, false);
            signIns().setManaged(user, dev, other, true);
            signIns().setManaged(user, manual, provider, false);
        });
        assertThat(inTransaction(() -> signIns().managedTeams(user, provider))).isEmpty();
        assertThat(inTransaction(() -> signIns().managedTeams(user, other))).containsExactly(dev);
        assertThat(inTransaction(() -> signIns().managedTeams(newUser().id(), other))).isEmpty();
    }

    @Test
    void givenARecordedProviderSession_thenItIsFoundByTheSessionsHash_andAnotherSessionHasNone() {
        OidcProviderId provider = newProvider();
        UserId user = newUser().id();
        Session session = new Session(hash("session-" + UUID.randomUUID()), user, "csrf", T0, T0, T0.plus(Duration.ofHours(12)), "192.0.2.7",
                "Firefox/140");
        Session plain = new Session(hash("session-" + UUID.randomUUID()), user, "csrf", T0, T0, T0.plus(Duration.ofHours(12)), "192.0.2.7",
                "Firefox/140");
        ProviderSession recorded = new ProviderSession(provider, "eyJhbGciOiJSUzI1NiJ9.payload.signature");
        inTransaction(() -> {
            store().sessions().insert(session);
            store().sessions().insert(plain);
            signIns().recordSession(session.idHash(), recorded);
        });

        assertThat(inTransaction(() -> signIns().sessionOf(session.idHash()))).contains(recorded);
        assertThat(inTransaction(() -> signIns().sessionOf(plain.idHash()))).isEmpty();
    }
}
