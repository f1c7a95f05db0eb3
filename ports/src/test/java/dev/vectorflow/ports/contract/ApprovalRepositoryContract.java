package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.promotion.ApprovalAction;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.core.promotion.ApprovalRequestId;
import dev.vectorflow.core.promotion.ApprovalState;
import dev.vectorflow.core.promotion.ValueMapping;
import dev.vectorflow.core.rollout.Gates;
import dev.vectorflow.core.rollout.RolloutPlan;
import dev.vectorflow.core.rollout.Wave;
import dev.vectorflow.ports.out.promotion.ApprovalRepository;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ApprovalRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class ApprovalRepositoryContract extends FleetStoreContract {

    protected abstract ApprovalRepository approvals();

    private ApprovalRequest request(EnvironmentId environment, ApprovalAction action, int minutesAfterT0) {
        return ApprovalRequest.pending(new ApprovalRequestId(UUID.randomUUID()), environment, action, "user:ann@example.com", "u-ann",
                T0.plus(Duration.ofMinutes(minutesAfterT0)));
    }

    @Test
    void aStoredRequest_readsBackWithEveryFieldOfItsAction() {
        EnvironmentId environment = newEnvironment();
        PipelineId pipeline = newPipeline(environment, 2);
        EnvironmentId target = newEnvironment();
        ApprovalRequest deploy = request(environment, new ApprovalAction.Deploy(pipeline, 2, NodeSelector.of(Map.of("tier", "edge")),
                Optional.of(1), Optional.of(new RolloutPlan(List.of(new Wave(new Wave.Nodes(1), 60), new Wave(new Wave.Percent(10), 30),
                new Wave(new Wave.Label("canary", "true"), 30), new Wave(new Wave.Rest(), 0)),
                new Gates(Optional.of(5.0), Optional.empty(), Optional.of(0.8)), true, 120))), 0);
        ApprovalRequest promote = request(target, new ApprovalAction.Promote(pipeline, 2, target, List.of(
                new ValueMapping(new ComponentKey("out"), "uri", "https://prod"), new ValueMapping(new ComponentKey("out"), "batch.size", 5L),
                new ValueMapping(new ComponentKey("out"), "compress", true), new ValueMapping(new ComponentKey("out"), "ratio", 0.5)),
                Optional.of(NodeSelector.ALL), Optional.empty(), Optional.empty(), "release 7"), 1);
        inTransaction(() -> {
            approvals().insert(deploy);
            approvals().insert(promote);
        });

        assertThat(inTransaction(() -> approvals().find(deploy.id()))).contains(deploy);
        assertThat(inTransaction(() -> approvals().find(promote.id()))).contains(promote);
        assertThat(inTransaction(() -> approvals().find(new ApprovalRequestId(UUID.randomUUID())))).isEmpty();
    }

    @Test
    void aDecision_isStoredOnce_andOnlyWhilePendingAndNotExpired() {
        EnvironmentId environment = newEnvironment();
        PipelineId pipeline = newPipeline(environment, 1);
        ApprovalRequest pending = request(environment, new ApprovalAction.Deploy(pipeline, 1, NodeSelector.ALL, Optional.empty()), 0);
        inTransaction(() -> approvals().insert(pending));

        ApprovalRequest approved = pending.decided(ApprovalState.APPROVED, "user:bob@example.com", "", T0.plusSeconds(60));
        assertThat(inTransaction(() -> approvals().decide(approved))).isTrue();
        assertThat(inTransaction(() -> approvals().decide(pending.decided(ApprovalState.REJECTED, "user:cy@example.com", "no",
                T0.plusSeconds(90))))).as("decided already").isFalse();
        assertThat(inTransaction(() -> approvals().find(pending.id()))).contains(approved);

        inTransaction(() -> approvals().reopen(pending.id()));
        assertThat(inTransaction(() -> approvals().find(pending.id())).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        ApprovalRequest late = new ApprovalRequest(pending.id(), environment, pending.action(), pending.requestedBy(), pending.requesterId(),
                pending.requestedAt(), pending.expiresAt(), ApprovalState.APPROVED, Optional.of("user:bob@example.com"),
                Optional.of(pending.expiresAt().plusSeconds(1)), "");
        assertThat(inTransaction(() -> approvals().decide(late))).as("expired").isFalse();
    }

    @Test
    void anEnvironmentsRequests_listNewestFirst_byState_capped() {
        EnvironmentId environment = newEnvironment();
        PipelineId pipeline = newPipeline(environment, 1);
        ApprovalAction deploy = new ApprovalAction.Deploy(pipeline, 1, NodeSelector.ALL, Optional.empty());
        ApprovalRequest oldest = request(environment, deploy, 0);
        ApprovalRequest middle = request(environment, deploy, 1);
        ApprovalRequest newest = request(environment, deploy, 2);
        ApprovalRequest elsewhere = request(newEnvironment(), deploy, 3);
        inTransaction(() -> List.of(oldest, middle, newest, elsewhere).forEach(approvals()::insert));
        inTransaction(() -> approvals().decide(middle.decided(ApprovalState.REJECTED, "user:bob@example.com", "no", T0.plusSeconds(300))));

        assertThat(inTransaction(() -> approvals().findByEnvironment(environment, new ApprovalRepository.All(), 10)))
                .extracting(ApprovalRequest::id).containsExactly(newest.id(), middle.id(), oldest.id());
        assertThat(inTransaction(() -> approvals().findByEnvironment(environment, new ApprovalRepository.All(), 2))).hasSize(2);
        assertThat(inTransaction(() -> approvals().findByEnvironment(environment, new ApprovalRepository.PendingAt(T0.plusSeconds(600)), 10)))
                .extracting(ApprovalRequest::id).containsExactly(newest.id(), oldest.id());
        assertThat(inTransaction(() -> approvals().findByEnvironment(environment, new ApprovalRepository.Decided(false), 10)))
                .extracting(ApprovalRequest::id).containsExactly(middle.id());
        assertThat(inTransaction(() -> approvals().findByEnvironment(environment, new ApprovalRepository.Decided(true), 10))).isEmpty();
        // the oldest expires one minute before the newest
        var between = oldest.expiresAt().plusSeconds(30);
        assertThat(inTransaction(() -> approvals().findByEnvironment(environment, new ApprovalRepository.ExpiredAt(between), 10)))
                .extracting(ApprovalRequest::id).containsExactly(oldest.id());
        assertThat(inTransaction(() -> approvals().findByEnvironment(environment, new ApprovalRepository.PendingAt(between), 10)))
                .extracting(ApprovalRequest::id).containsExactly(newest.id());
    }
}
