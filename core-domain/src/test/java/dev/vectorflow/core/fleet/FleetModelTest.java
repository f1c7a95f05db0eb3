package dev.vectorflow.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FleetModelTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void givenSelector_itMatchesOnlyNodesWithAllItsLabels() {
        NodeSelector selector = NodeSelector.parse("selector", "role=edge, zone=b");
        assertThat(selector.matches(Labels.of(Map.of("role", "edge", "zone", "b", "extra", "x")))).isTrue();
        assertThat(selector.matches(Labels.of(Map.of("role", "edge")))).isFalse();
        assertThat(NodeSelector.parse("selector", " ").matches(Labels.NONE)).isTrue();
        assertThatThrownBy(() -> NodeSelector.parse("selector", "role")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("key=value");
        assertThatThrownBy(() -> NodeSelector.parse("selector", "a=1,a=2")).hasMessageContaining("twice");
    }

    @Test
    void givenLabels_badKeysAndValuesAreRefused_andUserLabelsWin() {
        assertThatThrownBy(() -> Labels.of(Map.of("bad key", "x"))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Labels.of(Map.of("k", "a,b"))).isInstanceOf(InvalidValueException.class);
        Labels agent = Labels.of(Map.of("zone", "a", "role", "db"));
        assertThat(agent.overriddenBy(Labels.of(Map.of("zone", "b"))).values()).containsEntry("zone", "b").containsEntry("role", "db");
        assertThat(agent.toString()).isEqualTo("role=db,zone=a");
    }

    @Test
    void givenNodeToken_itParsesOnlyItsFormat_andMatchesItsHashOnly() {
        NodeToken token = new NodeToken("0123456789abcdef", "a".repeat(64));
        assertThat(NodeToken.parse(token.text())).contains(token);
        assertThat(NodeToken.parse("vf_node_0123456789abcdef_" + "A".repeat(64))).isEmpty();
        assertThat(NodeToken.parse("vf_api_whatever")).isEmpty();
        assertThat(token.matches(token.secretHash())).isTrue();
        assertThat(new NodeToken("0123456789abcdef", "b".repeat(64)).matches(token.secretHash())).isFalse();
        assertThat(token.toString()).doesNotContain("aaaa");
    }

    @Test
    void givenEnrollmentToken_itsStateFollowsUsesExpiryAndRevocation() {
        EnrollmentToken token = new EnrollmentToken(new EnrollmentTokenId(UUID.randomUUID()), new EnvironmentId(UUID.randomUUID()), "",
                "hash", "vf_enroll_abc…", 2, 0, Labels.NONE, NOW.plusSeconds(60), Optional.empty(), NOW, "admin", Optional.empty());
        assertThat(token.state(NOW)).isEqualTo(EnrollmentToken.State.ACTIVE);
        assertThat(token.used().state(NOW)).isEqualTo(EnrollmentToken.State.ACTIVE);
        assertThat(token.used().used().state(NOW)).isEqualTo(EnrollmentToken.State.USED_UP);
        assertThat(token.state(NOW.plusSeconds(60))).isEqualTo(EnrollmentToken.State.EXPIRED);
        assertThat(token.revoked(NOW).state(NOW)).isEqualTo(EnrollmentToken.State.REVOKED);
    }

    @Test
    void givenDesiredAndReported_actionsAreTheDifference_withStableIds() {
        PipelineId a = new PipelineId(UUID.randomUUID());
        PipelineId b = new PipelineId(UUID.randomUUID());
        PipelineId gone = new PipelineId(UUID.randomUUID());
        List<DesiredPipeline> deployed = List.of(new DesiredPipeline(a, "a", 2, "c".repeat(64), NodeSelector.ALL),
                new DesiredPipeline(b, "b", 1, "d".repeat(64), NodeSelector.parse("s", "zone=b")));
        DesiredPipelines desired = DesiredPipelines.forNode(Labels.of(Map.of("zone", "a")), false, deployed);
        assertThat(desired.pipelines()).containsOnlyKeys(a);
        List<DesiredPipelines.Action> actions = desired.actionsAgainst(List.of(
                new DesiredPipelines.Reported(a, 1, "old", PipelineRunStatus.RUNNING),
                new DesiredPipelines.Reported(gone, 3, "x", PipelineRunStatus.RUNNING)));
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0)).isInstanceOf(DesiredPipelines.Deploy.class);
        assertThat(actions.get(1)).isInstanceOf(DesiredPipelines.Undeploy.class);
        assertThat(desired.actionsAgainst(List.of()).getFirst().id()).isEqualTo(actions.getFirst().id());
        assertThat(desired.actionsAgainst(List.of(new DesiredPipelines.Reported(a, 2, "c".repeat(64), PipelineRunStatus.RUNNING)))).isEmpty();
        assertThat(DesiredPipelines.forNode(Labels.of(Map.of("zone", "b")), true, deployed).pipelines()).isEmpty();
    }

    @Test
    void givenTheSameConfigUnderANewVersion_aDeployIsOffered_soThatTheNodeReportsTheNewNumber() {
        PipelineId a = new PipelineId(UUID.randomUUID());
        DesiredPipelines desired = DesiredPipelines.forNode(Labels.of(Map.of()), false,
                List.of(new DesiredPipeline(a, "a", 3, "c".repeat(64), NodeSelector.ALL)));

        List<DesiredPipelines.Action> actions = desired.actionsAgainst(List.of(new DesiredPipelines.Reported(a, 1, "c".repeat(64), PipelineRunStatus.RUNNING)));

        assertThat(actions).singleElement().isInstanceOfSatisfying(DesiredPipelines.Deploy.class, d -> assertThat(d.target().version()).isEqualTo(3));
        assertThat(desired.inSync(a, 1, "c".repeat(64))).isFalse();
        assertThat(desired.inSync(a, 3, "c".repeat(64))).isTrue();
        assertThat(desired.inSync(a, null, "c".repeat(64))).as("an agent that reports no number").isTrue();
    }

    @Test
    void givenCounters_aDropIsAReset() {
        assertThat(CounterDelta.between(100, 150)).isEqualTo(50);
        assertThat(CounterDelta.between(100, 30)).isEqualTo(30);
        assertThat(PipelineRunStatus.fromWire("DANCING")).isEqualTo(PipelineRunStatus.UNKNOWN);
        assertThat(PipelineRunStatus.fromWire("crash_loop")).isEqualTo(PipelineRunStatus.CRASH_LOOP);
        assertThat(PipelineRunStatus.fromWire("RUNNING")).isEqualTo(PipelineRunStatus.RUNNING);
        assertThat(PipelineRunStatus.fromWire(" running ")).isEqualTo(PipelineRunStatus.RUNNING);
        assertThat(PipelineRunStatus.fromWire(null)).isEqualTo(PipelineRunStatus.UNKNOWN);
    }
}
