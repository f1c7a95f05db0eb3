package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link PipelineRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class PipelineRepositoryContract extends FleetStoreContract {

    private PipelineRepository pipelines() {
        return pipelineStore();
    }

    /** Option values as the API reads them from JSON (whole numbers that fit are {@code Integer}). */
    private static final PipelineGraph GRAPH = new PipelineGraph(List.of(
            new PipelineComponent(new ComponentKey("in"), ComponentKind.SOURCE, "demo_logs",
                    Map.of("format", "json", "count", 3, "nested", Map.of("a", List.of(1, 2))), "Demo",
                    Optional.of(new PipelineComponent.Position(1.5, -2)), false),
            PipelineComponent.of("out", ComponentKind.SINK, "blackhole", Map.of())),
            List.of(Edge.of("in", "out")), Map.of("data_dir", "/var/lib/vector"));

    private static Pipeline pipeline(EnvironmentId environment, String name) {
        return new Pipeline(new PipelineId(UUID.randomUUID()), environment, new PipelineName(name), "about " + name, GRAPH, "ann", T0, "bob",
                T0.plusSeconds(1));
    }

    @Test
    void aStoredPipeline_andItsGraph_comeBackUnchanged_foundByIdOrByNameIgnoringCase() {
        EnvironmentId environment = newEnvironment();
        Pipeline pipeline = pipeline(environment, "App-Logs");
        inTransaction(() -> pipelines().insert(pipeline));

        assertThat(inTransaction(() -> pipelines().findById(pipeline.id()))).contains(pipeline);
        assertThat(inTransaction(() -> pipelines().findByName(environment, new PipelineName("app-logs")))).contains(pipeline);
        assertThat(inTransaction(() -> pipelines().findByName(newEnvironment(), new PipelineName("app-logs")))).isEmpty();
    }

    @Test
    void aNameTakenInTheEnvironment_isRefused() {
        EnvironmentId environment = newEnvironment();
        inTransaction(() -> pipelines().insert(pipeline(environment, "logs")));

        assertThatThrownBy(() -> inTransaction(() -> pipelines().insert(pipeline(environment, "LOGS")))).isInstanceOf(UniqueViolation.class);
    }

    @Test
    void anEnvironmentsPipelines_areListedByName_andCounted_andAnUpdateReplacesDetailsAndDraft() {
        EnvironmentId environment = newEnvironment();
        Pipeline b = pipeline(environment, "b-metrics");
        Pipeline a = pipeline(environment, "a-logs");
        inTransaction(() -> {
            pipelines().insert(b);
            pipelines().insert(a);
        });
        Pipeline renamed = b.withDetails(new PipelineName("c-metrics"), "renamed", "cid", T0.plusSeconds(9))
                .withDraft(PipelineGraph.of(List.of(), List.of()), "cid", T0.plusSeconds(9));

        inTransaction(() -> pipelines().update(renamed));

        assertThat(inTransaction(() -> pipelines().findByEnvironment(environment))).containsExactly(a, renamed);
        assertThat(inTransaction(() -> pipelines().countByEnvironment(environment))).isEqualTo(2);
    }

    @Test
    void versions_areNumberedPerPipeline_listedNewestFirst_andANumberIsTakenOnce() {
        EnvironmentId environment = newEnvironment();
        PipelineId id = newPipeline(environment, 2);

        assertThat(inTransaction(() -> pipelines().latestVersionNumber(id))).isEqualTo(2);
        assertThat(inTransaction(() -> pipelines().versions(id))).extracting(PipelineVersion::number).containsExactly(2, 1);
        assertThat(inTransaction(() -> pipelines().version(id, 1))).hasValueSatisfying(v -> assertThat(v.configYaml()).isEqualTo("# version 1\n"));
        assertThat(inTransaction(() -> pipelines().latestVersionNumber(newPipeline(environment, 0)))).isZero();
        PipelineVersion again = new PipelineVersion(id, 2, GRAPH, "x", PipelineVersion.checksumOf("x"), "ann", "", T0, Optional.of(1));
        assertThatThrownBy(() -> inTransaction(() -> pipelines().insertVersion(again))).isInstanceOf(UniqueViolation.class);
    }

    @Test
    void aDeletedPipeline_takesItsVersionsAlong() {
        EnvironmentId environment = newEnvironment();
        PipelineId id = newPipeline(environment, 1);

        assertThat(inTransaction(() -> pipelines().delete(id))).isTrue();

        assertThat(inTransaction(() -> pipelines().findById(id))).isEmpty();
        assertThat(inTransaction(() -> pipelines().versions(id))).isEmpty();
        assertThat(inTransaction(() -> pipelines().delete(id))).isFalse();
    }
}
