package dev.vectorflow.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApprovalRequestTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final ApprovalRequest PENDING = ApprovalRequest.pending(new ApprovalRequestId(UUID.randomUUID()),
            new EnvironmentId(UUID.randomUUID()), new ApprovalAction.Deploy(new PipelineId(UUID.randomUUID()), 2, NodeSelector.ALL,
                    Optional.of(1)), "user:a@example.com", "u-a", T0);

    @Test
    void aNewRequest_isPendingForSevenDays_thenExpired() {
        assertThat(PENDING.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(PENDING.stateAt(T0.plus(Duration.ofDays(7)).minusSeconds(1))).isEqualTo(ApprovalState.PENDING);
        assertThat(PENDING.stateAt(T0.plus(Duration.ofDays(7)))).isEqualTo(ApprovalState.EXPIRED);
    }

    @Test
    void givenAPendingRequest_deciding_recordsWhoWhenAndWhy_once() {
        ApprovalRequest rejected = PENDING.decided(ApprovalState.REJECTED, "user:b@example.com", "freeze", T0.plusSeconds(60));
        assertThat(rejected.state()).isEqualTo(ApprovalState.REJECTED);
        assertThat(rejected.decidedBy()).contains("user:b@example.com");
        assertThat(rejected.decidedAt()).contains(T0.plusSeconds(60));
        assertThat(rejected.reason()).isEqualTo("freeze");
        assertThatThrownBy(() -> rejected.decided(ApprovalState.APPROVED, "user:c@example.com", "", T0.plusSeconds(90)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenAnExpiredRequest_deciding_isImpossible() {
        assertThatThrownBy(() -> PENDING.decided(ApprovalState.APPROVED, "user:b@example.com", "", T0.plus(Duration.ofDays(8))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("EXPIRED");
    }

    @Test
    void aReason_isCleaned_atTheEdge() {
        assertThatThrownBy(() -> ApprovalRequest.checkReason("bad\u0007bell")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ApprovalRequest.checkReason("x".repeat(1001))).isInstanceOf(InvalidValueException.class);
        assertThat(ApprovalRequest.checkReason(null)).isEmpty();
    }
}
