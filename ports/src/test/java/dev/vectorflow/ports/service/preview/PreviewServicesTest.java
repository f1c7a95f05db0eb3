package dev.vectorflow.ports.service.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.InvalidGraphFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.preview.PreviewComparison;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.FleetFakes.EnrolledNode;
import dev.vectorflow.ports.fake.InMemoryTelemetryRepository;
import dev.vectorflow.ports.fake.InMemoryPreviewRepository;
import dev.vectorflow.ports.fake.PlainConfigCodec;
import dev.vectorflow.ports.fake.SequentialIdGenerator;
import dev.vectorflow.ports.fake.TinyCatalog;
import dev.vectorflow.ports.in.heartbeat.AgentIdentity;
import dev.vectorflow.ports.in.preview.PreviewQueries.PreviewView;
import dev.vectorflow.ports.in.preview.PreviewQueries.State;
import dev.vectorflow.ports.in.preview.RequestPreviewCommand;
import dev.vectorflow.ports.in.preview.RunPreviewUseCase.PreviewOutputs;
import dev.vectorflow.ports.in.preview.RunPreviewUseCase.PreviewWork;
import dev.vectorflow.ports.in.preview.RunPreviewUseCase.RunOutput;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.fleet.OneShotQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Previews on in-memory fakes: what is refused before anything is queued, what the node gets, and how its answer becomes the comparison. */
class PreviewServicesTest {

    private final FleetFakes fleet = new FleetFakes();
    private final InMemoryTelemetryRepository telemetry = fleet.transactions.register(new InMemoryTelemetryRepository(fleet.nodes, fleet.actions));
    private final OneShotQueue oneShots = new OneShotQueue(fleet.actions, fleet.changes, new SequentialIdGenerator(), fleet.clock);
    private final InMemoryPreviewRepository previewStore = new InMemoryPreviewRepository();
    private final RequestPreviewService previews = new RequestPreviewService(fleet.transactions, fleet.pipelines, fleet.deployments, fleet.nodes,
            telemetry, oneShots, new FleetAudit(fleet.auditLog, fleet.environments), new TinyCatalog(), new PlainConfigCodec(),
            previewStore, fleet.clock);
    private final RunPreviewService run = new RunPreviewService(fleet.transactions, fleet.pipelines, fleet.desiredStates, previewStore, fleet.clock);
    private final Actor editor = Actor.commandLine();
    private final EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
    private final PipelineVersion version = fleet.publish("logs");

    PreviewServicesTest() throws Exception {
        draft(List.of(Edge.of("in", "out")));
    }

    /** The pipeline's draft: its published components with these edges. */
    private void draft(List<Edge> edges) throws Exception {
        Pipeline pipeline = fleet.pipelines.findById(version.pipelineId()).orElseThrow();
        fleet.transactions.inTransaction(() -> {
            fleet.pipelines.update(pipeline.withDraft(PipelineGraph.of(pipeline.draft().components(), edges), "test", fleet.clock.instant()));
            return null;
        });
    }

    private AgentIdentity agent() {
        return new AgentIdentity(node.id(), fleet.environment);
    }

    /** A sample of the pipeline's source {@code in} with these events, as a node sent it. */
    private void sampled(Object... events) throws Exception {
        String requestId = oneShots.newId();
        fleet.transactions.inTransaction(() -> {
            fleet.actions.insert(node.id(), new OneShotAction.Sample("a-" + requestId, requestId, version.pipelineId(), List.of("in"), 5),
                    fleet.clock.instant(), "test");
            return null;
        });
        telemetry.store(new HeartbeatWrite(node.id(), fleet.clock.instant(), NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(),
                Optional.empty(), List.of(), List.of(new EventSample(requestId, "in", List.of(events), List.of(), null)), List.of(), Optional.empty()));
    }

    private String request() throws Exception {
        return previews.requestPreview(new RequestPreviewCommand(editor, version.pipelineId(), node.id(), Optional.empty()));
    }

    private List<String> audited() {
        return fleet.auditLog.all().stream().map(AuditEntry::action).toList();
    }

    private static RunOutput wrote(List<Object> events) {
        return new RunOutput(null, Map.of("out", events), List.of(), "Vector has started.");
    }

    @Test
    void givenSampleEventsAndADeployment_aPreview_isQueuedForTheNode_handsItBothConfigsAndNumberedEvents_andComparesItsAnswer() throws Exception {
        fleet.deploy(version, NodeSelector.ALL);
        sampled(Map.of("message", "a"), Map.of("message", "b"));

        String id = request();

        assertThat(fleet.actions.pending(node.id())).singleElement().isInstanceOfSatisfying(OneShotAction.Preview.class,
                a -> assertThat(a.requestId()).isEqualTo(id));
        assertThat(audited()).containsExactly("pipeline.preview");
        assertThat(fleet.auditLog.all().getFirst().changesJson()).contains("web-1").contains("v1 (deployed)");
        assertThat(previews.preview(version.pipelineId(), id).state()).isEqualTo(State.PENDING);

        PreviewWork work = run.previewWork(agent(), id);
        assertThat(work.baseline().version()).isEqualTo(1);
        assertThat(work.baseline().configYaml()).isEqualTo(version.configYaml());
        assertThat(work.draft().version()).isZero();
        assertThat(work.events()).hasSize(2).allSatisfy(e -> assertThat(castMap(e)).containsKey(PreviewComparison.SEQUENCE_FIELD));

        List<Object> before = new ArrayList<>();
        List<Object> after = new ArrayList<>();
        for (Object event : work.events()) {
            before.add(event);
            Map<String, Object> changed = new LinkedHashMap<>(castMap(event));
            changed.put("env", "prod");
            after.add(changed);
        }
        run.receivePreviewOutputs(agent(), new PreviewOutputs(id, wrote(before), wrote(after)));

        PreviewView done = previews.preview(version.pipelineId(), id);
        assertThat(done.state()).isEqualTo(State.DONE);
        assertThat(done.diff().orElseThrow().sinks()).singleElement().satisfies(s -> {
            assertThat(s.sinkId()).isEqualTo("out");
            assertThat(s.fieldsAdded()).extracting(PreviewComparison.FieldChange::path, PreviewComparison.FieldChange::events)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(".env", 2));
        });
        assertThatThrownBy(() -> run.receivePreviewOutputs(agent(), new PreviewOutputs(id, wrote(before), wrote(after))))
                .as("an answered preview takes no second answer").isInstanceOf(NotFoundFailure.class);
    }

    @Test
    void givenNoSampleNoDeploymentAnUnreachableNodeOrANodeElsewhere_aPreview_isRefusedAndNothingIsQueuedOrAudited() throws Exception {
        assertThatThrownBy(this::request).isInstanceOf(ConflictFailure.class).hasMessageContaining("not deployed");
        fleet.deploy(version, NodeSelector.ALL);
        assertThatThrownBy(this::request).isInstanceOf(ConflictFailure.class).hasMessageContaining("take a sample");
        sampled(Map.of("message", "a"));
        assertThatThrownBy(() -> previews.requestPreview(new RequestPreviewCommand(editor, version.pipelineId(), node.id(), Optional.of(9))))
                .isInstanceOf(NotFoundFailure.class);
        EnrolledNode elsewhere = fleet.enroll(fleet.newEnvironment("staging"), "web-9", Labels.NONE);
        assertThatThrownBy(() -> previews.requestPreview(new RequestPreviewCommand(editor, version.pipelineId(), elsewhere.id(), Optional.empty())))
                .isInstanceOf(NotFoundFailure.class);
        draft(List.of());
        assertThatThrownBy(this::request).as("a draft with errors cannot run").isInstanceOf(InvalidGraphFailure.class);
        draft(List.of(Edge.of("in", "out")));
        fleet.nodes.heartbeat(node.id(), fleet.clock.instant(), NodeStatus.UNREACHABLE, "no heartbeat");
        assertThatThrownBy(this::request).isInstanceOf(ConflictFailure.class).hasMessageContaining("not online");

        assertThat(fleet.actions.pending(node.id())).isEmpty();
        assertThat(audited()).isEmpty();
    }

    @Test
    void givenNoAnswerWithinTheTimeLimit_thePreviewFails_andALateAnswerIsRefused() throws Exception {
        fleet.deploy(version, NodeSelector.ALL);
        sampled(Map.of("message", "a"));
        String id = request();

        fleet.clock.advance(RequestPreviewService.TIME_LIMIT.plus(Duration.ofSeconds(1)));

        PreviewView failed = previews.preview(version.pipelineId(), id);
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.reason()).contains("did not answer");
        assertThatThrownBy(() -> run.previewWork(agent(), id)).isInstanceOf(NotFoundFailure.class);
    }

    @Test
    void givenARunVectorRefused_thePreviewFailsWithItsError_andAnotherNodeCannotFetchOrAnswerIt() throws Exception {
        fleet.deploy(version, NodeSelector.ALL);
        sampled(Map.of("message", "a"));
        String id = request();
        EnrolledNode other = fleet.enroll("web-2", Labels.NONE);
        AgentIdentity stranger = new AgentIdentity(other.id(), fleet.environment);
        assertThatThrownBy(() -> run.previewWork(stranger, id)).isInstanceOf(NotFoundFailure.class);

        run.receivePreviewOutputs(agent(), new PreviewOutputs(id, wrote(List.of()),
                new RunOutput("Vector exited with code 78: unknown field", Map.of(), List.of(), "ERROR vector::cli: Configuration error.")));

        PreviewView failed = previews.preview(version.pipelineId(), id);
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.reason()).isEqualTo("the draft's run failed: Vector exited with code 78: unknown field");
        assertThat(failed.draftLog()).contains("Configuration error");
        assertThatThrownBy(() -> previews.preview(fleet.publish("other").pipelineId(), id)).as("a preview belongs to its pipeline")
                .isInstanceOf(NotFoundFailure.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object event) {
        return (Map<String, Object>) event;
    }
}
