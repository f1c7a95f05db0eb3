package dev.vectorflow.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.pipeline.PipelineId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StagedDesiredPipelinesTest {

    private final PipelineId pipeline = new PipelineId(UUID.randomUUID());
    private final NodeId admitted = new NodeId(UUID.randomUUID());
    private final NodeId waiting = new NodeId(UUID.randomUUID());
    private final DesiredPipeline v2 = new DesiredPipeline(pipeline, "p", 2, "c2", NodeSelector.ALL);
    private final DesiredPipeline v1 = new DesiredPipeline(pipeline, "p", 1, "c1", NodeSelector.of(Map.of("zone", "eu")));
    private final Labels eu = Labels.of(Map.of("zone", "eu"));

    @Test
    void givenAStagedPipeline_thenAdmittedNodesGetTheNewVersion_andTheOthersKeepThePreviousWhereItsSelectorMatches() {
        Map<PipelineId, StagedPipeline> staged = Map.of(pipeline, new StagedPipeline(Set.of(admitted), false, Optional.of(v1)));

        assertThat(DesiredPipelines.forNode(admitted, eu, false, List.of(v2), staged).pipelines()).containsEntry(pipeline, v2);
        assertThat(DesiredPipelines.forNode(waiting, eu, false, List.of(v2), staged).pipelines()).containsEntry(pipeline, v1);
        assertThat(DesiredPipelines.forNode(waiting, Labels.NONE, false, List.of(v2), staged).pipelines()).isEmpty();
        assertThat(DesiredPipelines.forNode(admitted, eu, true, List.of(v2), staged).pipelines()).isEmpty();
    }

    @Test
    void givenAFirstDeployStaged_thenNodesOutsideTheAdmittedWavesGetNothing_untilEveryoneIsAdmitted() {
        Map<PipelineId, StagedPipeline> first = Map.of(pipeline, new StagedPipeline(Set.of(admitted), false, Optional.empty()));
        Map<PipelineId, StagedPipeline> last = Map.of(pipeline, new StagedPipeline(Set.of(admitted), true, Optional.empty()));

        assertThat(DesiredPipelines.forNode(waiting, eu, false, List.of(v2), first).pipelines()).isEmpty();
        assertThat(DesiredPipelines.forNode(waiting, eu, false, List.of(v2), last).pipelines()).containsEntry(pipeline, v2);
        assertThat(DesiredPipelines.forNode(waiting, eu, false, List.of(v2), Map.of()).pipelines()).containsEntry(pipeline, v2);
    }
}
