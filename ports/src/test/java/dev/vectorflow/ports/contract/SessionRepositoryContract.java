package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.identity.Session;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.persistence.SessionRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link SessionRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class SessionRepositoryContract extends FleetStoreContract {

    private SessionRepository sessions() {
        return store().sessions();
    }

    private static Session session(UserId user, Instant lastSeenAt, Instant expiresAt) {
        return new Session(hash("session-" + UUID.randomUUID()), user, "csrf-" + UUID.randomUUID().toString().substring(0, 8), T0, lastSeenAt,
                expiresAt, "192.0.2.7", "Firefox/140");
    }

    private Session newSession(UserId user, Instant lastSeenAt, Instant expiresAt) {
        Session session = session(user, lastSeenAt, expiresAt);
        inTransaction(() -> sessions().insert(session));
        return session;
    }

    @Test
    void givenInsertedSession_findByIdHash_returnsItUnchanged() {
        Session session = new Session(hash("exact-" + UUID.randomUUID()), newUser().id(), "csrf", T0.plusNanos(123_456_000),
                T0.plusNanos(223_456_000), T0.plus(Duration.ofHours(12)).plusNanos(1_000), "2001:db8::1", "Mozilla/5.0 (X11; Linux x86_64)");
        inTransaction(() -> sessions().insert(session));

        assertThat(inTransaction(() -> sessions().findByIdHash(session.idHash()))).contains(session);
    }

    @Test
    void givenUnknownHash_findByIdHash_isEmpty() {
        assertThat(inTransaction(() -> sessions().findByIdHash(hash("unknown-" + UUID.randomUUID())))).isEmpty();
    }

    @Test
    void touch_movesOnlyTheLastSeenTime_ofThatSession() {
        UserId user = newUser().id();
        Session touched = newSession(user, T0, T0.plus(Duration.ofHours(12)));
        Session other = newSession(user, T0, T0.plus(Duration.ofHours(12)));
        Instant later = T0.plusSeconds(90);

        inTransaction(() -> sessions().touch(touched.idHash(), later));
        inTransaction(() -> sessions().touch(hash("unknown-" + UUID.randomUUID()), later));

        assertThat(inTransaction(() -> sessions().findByIdHash(touched.idHash()))).contains(new Session(touched.idHash(), user,
                touched.csrfToken(), touched.createdAt(), later, touched.expiresAt(), touched.sourceAddress(), touched.userAgent()));
        assertThat(inTransaction(() -> sessions().findByIdHash(other.idHash()))).contains(other);
    }

    @Test
    void delete_endsThatSessionAndReportsWhetherItExisted() {
        UserId user = newUser().id();
        Session gone = newSession(user, T0, T0.plus(Duration.ofHours(12)));
        Session kept = newSession(user, T0, T0.plus(Duration.ofHours(12)));

        assertThat(inTransaction(() -> sessions().delete(gone.idHash()))).isTrue();
        assertThat(inTransaction(() -> sessions().delete(gone.idHash()))).isFalse();
        assertThat(inTransaction(() -> sessions().findByIdHash(gone.idHash()))).isEmpty();
        assertThat(inTransaction(() -> sessions().findByIdHash(kept.idHash()))).contains(kept);
    }

    @Test
    void deleteAllOf_endsEverySessionOfThatUserOnly_andCountsThem() {
        UserId ann = newUser().id();
        UserId bob = newUser().id();
        Session first = newSession(ann, T0, T0.plus(Duration.ofHours(12)));
        Session second = newSession(ann, T0, T0.plus(Duration.ofHours(12)));
        Session bobs = newSession(bob, T0, T0.plus(Duration.ofHours(12)));

        assertThat(inTransaction(() -> sessions().deleteAllOf(ann))).isEqualTo(2);
        assertThat(inTransaction(() -> sessions().deleteAllOf(ann))).isZero();
        assertThat(inTransaction(() -> sessions().findByIdHash(first.idHash()))).isEmpty();
        assertThat(inTransaction(() -> sessions().findByIdHash(second.idHash()))).isEmpty();
        assertThat(inTransaction(() -> sessions().findByIdHash(bobs.idHash()))).contains(bobs);
    }

    @Test
    void deleteExpired_endsSessionsPastTheirEndOrIdleSinceBeforeTheCutOff_andCountsThem() {
        Instant now = T0.plus(Duration.ofDays(400));
        Instant idleBefore = now.minus(Duration.ofMinutes(30));
        // sessions other tests left behind that this sweep ends would spoil the count: sweep them first
        inTransaction(() -> sessions().deleteExpired(now, idleBefore));
        UserId user = newUser().id();
        Session endsNow = newSession(user, now, now);
        Session ended = newSession(user, now, now.minusSeconds(1));
        Session idle = newSession(user, idleBefore.minusNanos(1_000), now.plus(Duration.ofHours(1)));
        Session idleExactlySinceTheCutOff = newSession(user, idleBefore, now.plus(Duration.ofHours(1)));
        Session active = newSession(user, now, now.plusNanos(1_000));

        assertThat(inTransaction(() -> sessions().deleteExpired(now, idleBefore))).isEqualTo(3);
        for (Session gone : new Session[] {endsNow, ended, idle}) {
            assertThat(inTransaction(() -> sessions().findByIdHash(gone.idHash()))).isEmpty();
        }
        assertThat(inTransaction(() -> sessions().findByIdHash(idleExactlySinceTheCutOff.idHash()))).contains(idleExactlySinceTheCutOff);
        assertThat(inTransaction(() -> sessions().findByIdHash(active.idHash()))).contains(active);
    }

    @Test
    void givenWorkThatThrows_inTransaction_keepsTheSessionsItEnded() {
        Session session = newSession(newUser().id(), T0, T0.plus(Duration.ofHours(12)));

        assertThatThrownBy(() -> inTransaction(() -> {
            sessions().deleteAllOf(session.userId());
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(inTransaction(() -> sessions().findByIdHash(session.idHash()))).contains(session);
    }
}
