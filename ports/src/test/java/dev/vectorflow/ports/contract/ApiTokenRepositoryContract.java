package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.identity.ApiToken;
import dev.vectorflow.core.identity.ApiTokenId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.persistence.ApiTokenRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ApiTokenRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class ApiTokenRepositoryContract extends FleetStoreContract {

    private ApiTokenRepository tokens() {
        return store().apiTokens();
    }

    private static ApiToken ofUser(UserId user, String name, Instant createdAt) {
        return new ApiToken(new ApiTokenId(UUID.randomUUID()), name, hash("token-" + UUID.randomUUID()), Optional.of(user), Optional.empty(),
                Role.EDITOR, Optional.of(createdAt.plus(Duration.ofDays(30))), createdAt, Optional.empty(), Optional.empty());
    }

    private static ApiToken ofTeam(TeamId team, String name, Instant createdAt) {
        return new ApiToken(new ApiTokenId(UUID.randomUUID()), name, hash("token-" + UUID.randomUUID()), Optional.empty(), Optional.of(team),
                Role.VIEWER, Optional.empty(), createdAt, Optional.empty(), Optional.empty());
    }

    private ApiToken stored(ApiToken token) {
        inTransaction(() -> tokens().insert(token));
        return token;
    }

    @Test
    void givenInsertedTokens_findByIdAndByHash_returnThemUnchanged() {
        ApiToken users = stored(ofUser(newUser().id(), "ci deploys", T0.plusNanos(123_456_000)));
        ApiToken teams = stored(ofTeam(newTeam().id(), "dashboards", T0));

        for (ApiToken token : new ApiToken[] {users, teams}) {
            assertThat(inTransaction(() -> tokens().findById(token.id()))).contains(token);
            assertThat(inTransaction(() -> tokens().findByHash(token.tokenHash()))).contains(token);
        }
    }

    @Test
    void givenUnknownIdOrHash_find_isEmpty() {
        assertThat(inTransaction(() -> tokens().findById(new ApiTokenId(UUID.randomUUID())))).isEmpty();
        assertThat(inTransaction(() -> tokens().findByHash(hash("unknown-" + UUID.randomUUID())))).isEmpty();
    }

    @Test
    void givenHashTaken_insert_throwsUniqueViolationAndKeepsTheFirst() {
        UserId user = newUser().id();
        ApiToken first = stored(ofUser(user, "first", T0));
        ApiToken twin = new ApiToken(new ApiTokenId(UUID.randomUUID()), "twin", first.tokenHash(), Optional.of(user), Optional.empty(), Role.ADMIN,
                Optional.empty(), T0, Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> inTransaction(() -> tokens().insert(twin))).isInstanceOf(UniqueViolation.class);
        assertThat(inTransaction(() -> tokens().findByHash(first.tokenHash()))).contains(first);
        assertThat(inTransaction(() -> tokens().findById(twin.id()))).isEmpty();
    }

    @Test
    void findByUserAndByTeam_listTheOwnersTokensOnly_newestFirst() {
        UserId ann = newUser().id();
        TeamId team = newTeam().id();
        ApiToken older = stored(ofUser(ann, "older", T0));
        ApiToken newest = stored(ofUser(ann, "newest", T0.plusSeconds(120)));
        ApiToken middle = stored(ofUser(ann, "middle", T0.plusSeconds(60)));
        ApiToken teamOld = stored(ofTeam(team, "team old", T0));
        ApiToken teamNew = stored(ofTeam(team, "team new", T0.plusSeconds(1)));
        stored(ofUser(newUser().id(), "someone else's", T0.plusSeconds(30)));

        assertThat(inTransaction(() -> tokens().findByUser(ann))).containsExactly(newest, middle, older);
        assertThat(inTransaction(() -> tokens().findByTeam(team))).containsExactly(teamNew, teamOld);
        assertThat(inTransaction(() -> tokens().findByUser(new UserId(UUID.randomUUID())))).isEmpty();
    }

    @Test
    void revoke_stampsTheFirstRevocationOnly_andReportsWhetherItDidSo() {
        ApiToken token = stored(ofUser(newUser().id(), "revoked", T0));
        Instant at = T0.plusSeconds(300);

        assertThat(inTransaction(() -> tokens().revoke(token.id(), at))).isTrue();
        assertThat(inTransaction(() -> tokens().revoke(token.id(), at.plusSeconds(60)))).isFalse();
        assertThat(inTransaction(() -> tokens().revoke(new ApiTokenId(UUID.randomUUID()), at))).isFalse();
        assertThat(inTransaction(() -> tokens().findById(token.id()))).get().satisfies(t -> {
            assertThat(t.revokedAt()).contains(at);
            assertThat(t.usableAt(at)).isFalse();
        });
    }

    @Test
    void markUsed_stampsTheLastUse_ofThatTokenOnly() {
        UserId user = newUser().id();
        ApiToken used = stored(ofUser(user, "used", T0));
        ApiToken unused = stored(ofUser(user, "unused", T0));

        inTransaction(() -> tokens().markUsed(used.id(), T0.plusSeconds(10)));
        inTransaction(() -> tokens().markUsed(used.id(), T0.plusSeconds(20)));
        inTransaction(() -> tokens().markUsed(new ApiTokenId(UUID.randomUUID()), T0.plusSeconds(20)));

        assertThat(inTransaction(() -> tokens().findById(used.id()))).get().extracting(ApiToken::lastUsedAt)
                .isEqualTo(Optional.of(T0.plusSeconds(20)));
        assertThat(inTransaction(() -> tokens().findById(unused.id()))).contains(unused);
    }

    @Test
    void givenWorkThatThrows_inTransaction_leavesTheTokenUnrevoked() {
        ApiToken token = stored(ofTeam(newTeam().id(), "kept", T0));

        assertThatThrownBy(() -> inTransaction(() -> {
            tokens().revoke(token.id(), T0.plusSeconds(1));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(inTransaction(() -> tokens().findById(token.id()))).contains(token);
    }
}
