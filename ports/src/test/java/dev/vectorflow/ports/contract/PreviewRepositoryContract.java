package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.preview.PreviewComparison.EventRoute;
import dev.vectorflow.core.preview.PreviewComparison.FieldChange;
import dev.vectorflow.core.preview.PreviewComparison.PreviewDiff;
import dev.vectorflow.core.preview.PreviewComparison.SinkDiff;
import dev.vectorflow.ports.out.preview.PreviewRepository;
import dev.vectorflow.ports.out.preview.StoredPreview;
import dev.vectorflow.ports.out.preview.StoredPreview.State;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link PreviewRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class PreviewRepositoryContract extends FleetStoreContract {

    protected abstract PreviewRepository previews();

    private StoredPreview pending(EnvironmentId environment, PipelineId pipeline, NodeId node, int minutesAfterT0) {
        PipelineGraph draft = PipelineGraph.of(List.of(PipelineComponent.of("in", ComponentKind.SOURCE, "demo_logs", Map.of("format", "json")),
                PipelineComponent.of("out", ComponentKind.SINK, "console", Map.of("encoding", Map.of("codec", "json")))), List.of(Edge.of("in", "out")));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("message", "hello");
        event.put("nested", Map.of("level", "warn"));
        event.put("vf_preview_seq", 0);
        return new StoredPreview(UUID.randomUUID().toString(), pipeline, environment, "web logs", node, "edge-1", 2, true, draft,
                "sources:\n  in:\n    type: demo_logs\n", List.of(event), List.of("out", "archive"), T0.plus(Duration.ofMinutes(minutesAfterT0)),
                "user:ann@example.com", T0.plus(Duration.ofMinutes(minutesAfterT0 + 3)), State.PENDING, "", Optional.empty(), "", "");
    }

    @Test
    void aStoredPreview_readsBackWithEveryField() {
        EnvironmentId environment = newEnvironment();
        StoredPreview preview = pending(environment, newPipeline(environment, 2), newNode(environment, "edge-1").id(), 0);
        inTransaction(() -> previews().insert(preview));

        assertThat(inTransaction(() -> previews().find(preview.id()))).contains(preview);
        assertThat(inTransaction(() -> previews().find(UUID.randomUUID().toString()))).isEmpty();
        assertThat(inTransaction(() -> previews().find("not-a-uuid"))).isEmpty();
    }

    @Test
    void aSettlement_storesTheComparisonAndLogs_onlyWhilePending() {
        EnvironmentId environment = newEnvironment();
        StoredPreview preview = pending(environment, newPipeline(environment, 1), newNode(environment, "edge-1").id(), 0);
        inTransaction(() -> previews().insert(preview));
        PreviewDiff diff = new PreviewDiff(3, List.of(new SinkDiff("out", 3, 2, 1, 0, 2, List.of(new FieldChange(".tag", 2, null, "\"a\"")),
                List.of(), List.of(new FieldChange(".message", 1, "\"hi\"", "\"HI\"")))), List.of(new EventRoute(0, List.of("out"), List.of()),
                new EventRoute(1, List.of("out"), List.of("out"))));
        StoredPreview done = preview.settled(State.DONE, "cut at the cap", Optional.of(diff), "baseline log\nline 2", "draft log");

        assertThat(inTransaction(() -> previews().settle(done))).isTrue();
        assertThat(inTransaction(() -> previews().settle(preview.settled(State.FAILED, "late", Optional.empty(), "", ""))))
                .as("settled already").isFalse();
        assertThat(inTransaction(() -> previews().find(preview.id()))).contains(done);
        assertThat(inTransaction(() -> previews().settle(pending(environment, preview.pipelineId(), preview.nodeId(), 1))))
                .as("never stored").isFalse();
    }

    @Test
    void keepingTheNewest_deletesTheEnvironmentsOlderPreviews_only() {
        EnvironmentId environment = newEnvironment();
        EnvironmentId other = newEnvironment();
        PipelineId pipeline = newPipeline(environment, 1);
        NodeId node = newNode(environment, "edge-1").id();
        StoredPreview oldest = pending(environment, pipeline, node, 0);
        StoredPreview middle = pending(environment, pipeline, node, 1);
        StoredPreview newest = pending(environment, pipeline, node, 2);
        StoredPreview elsewhere = pending(other, newPipeline(other, 1), newNode(other, "edge-2").id(), -5);
        inTransaction(() -> List.of(middle, oldest, newest, elsewhere).forEach(previews()::insert));

        inTransaction(() -> previews().keepNewest(environment, 2));

        assertThat(inTransaction(() -> previews().find(oldest.id()))).isEmpty();
        assertThat(inTransaction(() -> previews().find(middle.id()))).contains(middle);
        assertThat(inTransaction(() -> previews().find(newest.id()))).contains(newest);
        assertThat(inTransaction(() -> previews().find(elsewhere.id()))).as("another environment's").contains(elsewhere);
    }
}
