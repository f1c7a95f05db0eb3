package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.EnrollmentTokenId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import dev.vectorflow.ports.out.enrollment.EnrollmentTokenRepository;
import org.junit.jupiter.api.Test;
import java.time.Instant;

/** What every {@link EnrollmentTokenRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class EnrollmentTokenRepositoryContract extends FleetStoreContract {

    private EnrollmentTokenRepository tokens() {
        return store().enrollmentTokens();
    }

    private static EnrollmentToken token(EnvironmentId environment, String name, Instant createdAt, Optional<Node> reenroll) {
        return new EnrollmentToken(new EnrollmentTokenId(UUID.randomUUID()), environment, name, hash(name + UUID.randomUUID()), "vf_enroll_ab…",
                5, 0, Labels.of(Map.of("zone", "eu")), createdAt.plusSeconds(3600), Optional.empty(), createdAt, "ann",
                reenroll.map(Node::id));
    }

    @Test
    void aStoredToken_isFoundByIdAndByItsHash_unchanged() {
        EnrollmentToken token = token(newEnvironment(), "fleet", T0, Optional.empty());
        inTransaction(() -> tokens().insert(token));

        assertThat(inTransaction(() -> tokens().findById(token.id()))).contains(token);
        assertThat(inTransaction(() -> tokens().findByHashForUpdate(token.tokenHash()))).contains(token);
        assertThat(inTransaction(() -> tokens().findByHashForUpdate(hash("unknown")))).isEmpty();
    }

    @Test
    void anUpdate_storesUsesAndRevocation() {
        EnrollmentToken token = token(newEnvironment(), "fleet", T0, Optional.empty());
        inTransaction(() -> tokens().insert(token));

        inTransaction(() -> tokens().update(token.used().used().revoked(T0.plusSeconds(10))));

        assertThat(inTransaction(() -> tokens().findById(token.id()))).hasValueSatisfying(t -> {
            assertThat(t.uses()).isEqualTo(2);
            assertThat(t.revokedAt()).contains(T0.plusSeconds(10));
        });
    }

    @Test
    void theTokensOfAnEnvironment_areNewestFirst_withoutReenrollmentTokens() {
        EnvironmentId environment = newEnvironment();
        Node node = newNode(environment, "web-1");
        EnrollmentToken older = token(environment, "older", T0, Optional.empty());
        EnrollmentToken newer = token(environment, "newer", T0.plusSeconds(60), Optional.empty());
        EnrollmentToken reenroll = token(environment, "re-enroll web-1", T0.plusSeconds(120), Optional.of(node));
        inTransaction(() -> {
            tokens().insert(older);
            tokens().insert(newer);
            tokens().insert(reenroll);
            tokens().insert(token(newEnvironment(), "elsewhere", T0, Optional.empty()));
        });

        assertThat(inTransaction(() -> tokens().findByEnvironment(environment))).containsExactly(newer, older);
        assertThat(inTransaction(() -> tokens().findById(reenroll.id()))).hasValueSatisfying(t -> assertThat(t.reenrollNode()).contains(node.id()));
    }
}
