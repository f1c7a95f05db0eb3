package dev.vectorflow.ports.service.preview;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.DomainFailure;
import dev.vectorflow.core.failure.InvalidGraphFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.pipeline.ConfigRenderer;
import dev.vectorflow.core.pipeline.EnvironmentVariables;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineValidator;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.preview.PreviewComparison;
import dev.vectorflow.ports.in.preview.PreviewQueries;
import dev.vectorflow.ports.in.preview.RequestPreviewCommand;
import dev.vectorflow.ports.in.preview.RequestPreviewUseCase;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.preview.PreviewRepository;
import dev.vectorflow.ports.out.preview.StoredPreview;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import dev.vectorflow.ports.out.vector.CatalogSource;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import dev.vectorflow.ports.out.vector.VectorConfigCodec;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.fleet.OneShotQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Starts previews (the draft against the deployed or a chosen version, on the newest sample events of the pipeline's
 * sources, run by the agent of a node the user picked) and answers how they are doing. The server never interprets VRL:
 * it only compares what a real Vector on the node wrote.
 */
public final class RequestPreviewService implements RequestPreviewUseCase, PreviewQueries {

    /** Sample events one preview runs on. */
    public static final int MAX_EVENTS = 100;
    /** How long the node has to answer (two runs of at most a minute each, and heartbeats on the way). */
    public static final Duration TIME_LIMIT = Duration.ofMinutes(3);
    /** Previews kept per environment; older ones are deleted when a new one is requested. */
    public static final int KEPT = 200;
    /** Sample results looked at for events. */
    private static final int SAMPLE_RESULTS = 50;

    private final Transactions transactions;
    private final PipelineRepository pipelines;
    private final DeploymentRepository deployments;
    private final NodeRepository nodes;
    private final TelemetryRepository telemetry;
    private final OneShotQueue oneShots;
    private final FleetAudit audit;
    private final CatalogSource catalog;
    private final VectorConfigCodec codec;
    private final PreviewRepository previews;
    private final Clock clock;

    public RequestPreviewService(Transactions transactions, PipelineRepository pipelines, DeploymentRepository deployments, NodeRepository nodes,
                                 TelemetryRepository telemetry, OneShotQueue oneShots, FleetAudit audit, CatalogSource catalog,
                                 VectorConfigCodec codec, PreviewRepository previews, Clock clock) {
        this.transactions = transactions;
        this.pipelines = pipelines;
        this.deployments = deployments;
        this.nodes = nodes;
        this.telemetry = telemetry;
        this.oneShots = oneShots;
        this.audit = audit;
        this.catalog = catalog;
        this.codec = codec;
        this.previews = previews;
        this.clock = clock;
    }

    @Override
    public String requestPreview(RequestPreviewCommand command) throws NotFoundFailure, ConflictFailure, InvalidGraphFailure {
        try {
            return transactions.inTransaction(() -> start(command));
        } catch (NotFoundFailure | ConflictFailure | InvalidGraphFailure expected) {
            throw expected;
        } catch (DomainFailure other) {
            throw new IllegalStateException(other);
        }
    }

    private String start(RequestPreviewCommand command) throws NotFoundFailure, ConflictFailure, InvalidGraphFailure {
        Pipeline pipeline = Existing.pipeline(pipelines, command.pipeline());
        Node node = Existing.node(nodes, command.node());
        if (!node.environmentId().equals(pipeline.environmentId())) {
            throw new NotFoundFailure("Node in the pipeline's environment", command.node());
        }
        // the stored status is what the status sweep and the heartbeat writer keep current
        if (node.status() == NodeStatus.UNREACHABLE || node.tokenRevoked()) {
            String why = node.tokenRevoked() ? "its token is revoked" : node.status().name();
            throw ConflictFailure.onField("nodeId", "Node " + node.hostname() + " is not online (" + why + "); pick a node whose agent reports in.");
        }
        boolean deployed = command.against().isEmpty();
        int againstNumber;
        if (deployed) {
            Optional<Deployment> deployment = deployments.find(pipeline.id()).filter(d -> d.environmentId().equals(pipeline.environmentId()));
            if (deployment.isEmpty()) {
                throw ConflictFailure.onField("against", "The pipeline is not deployed; name a version number to compare the draft with.");
            }
            againstNumber = deployment.get().version();
        } else {
            againstNumber = command.against().get();
        }
        PipelineVersion against = pipelines.version(pipeline.id(), againstNumber)
                .orElseThrow(() -> new NotFoundFailure("Pipeline version", pipeline.id() + " v" + againstNumber));
        List<Problem> errors = new PipelineValidator(catalog.catalog()).validate(pipeline.draft()).stream().filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            throw new InvalidGraphFailure("The draft has errors, so it cannot run; fix them first. Nothing was started.", errors);
        }
        Set<String> sources = new LinkedHashSet<>(keys(pipeline.draft(), ComponentKind.SOURCE));
        sources.addAll(keys(against.graph(), ComponentKind.SOURCE));
        List<Object> events = events(telemetry.latestSamples(pipeline.id(), sources, SAMPLE_RESULTS));
        if (events.isEmpty()) {
            throw ConflictFailure.onState("There are no sample events of this pipeline's sources (" + String.join(", ", sources)
                    + ") yet: take a sample of its sources on a node that runs it (node page, \"Sample events\"), then preview again.");
        }
        List<String> sinks = new ArrayList<>(keys(pipeline.draft(), ComponentKind.SINK));
        keys(against.graph(), ComponentKind.SINK).stream().filter(k -> !sinks.contains(k)).forEach(sinks::add);
        String draftYaml = EnvironmentVariables.withHeader(pipeline.draft(),
                codec.write(new ConfigRenderer(catalog.catalog()).render(pipeline.draft()), ConfigFormat.YAML), true);
        String id = oneShots.newId();
        Instant now = clock.instant();
        oneShots.queue(command.actor(), node.id(), actionId -> new OneShotAction.Preview(actionId, id, pipeline.id()));
        audit.record(command.actor(), "pipeline.preview", "pipeline", pipeline.id().toString(), pipeline.environmentId(), Changes.none()
                .field("node", null, node.hostname())
                .field("against", null, "v" + againstNumber + (deployed ? " (deployed)" : ""))
                .field("events", null, events.size()));
        previews.insert(new StoredPreview(id, pipeline.id(), pipeline.environmentId(), pipeline.name().value(), node.id(), node.hostname(),
                againstNumber, deployed, pipeline.draft(), draftYaml, events, sinks, now, command.actor().label(), now.plus(TIME_LIMIT),
                StoredPreview.State.PENDING, "", Optional.empty(), "", ""));
        previews.keepNewest(pipeline.environmentId(), KEPT);
        return id;
    }

    @Override
    public PreviewView preview(PipelineId pipeline, String previewId) throws NotFoundFailure {
        StoredPreview e = transactions.inTransaction(() -> previews.find(previewId)).map(x -> x.asOf(clock.instant()))
                .filter(x -> x.pipelineId().equals(pipeline)).orElseThrow(() -> new NotFoundFailure("Preview", previewId));
        return new PreviewView(e.id(), e.pipelineId(), e.nodeId(), e.nodeName(), e.againstVersion(), e.againstDeployed(), e.events().size(),
                e.requestedAt(), e.requestedBy(), State.valueOf(e.state().name()), e.reason(), e.diff(), e.baselineLog(), e.draftLog());
    }

    private static List<String> keys(PipelineGraph graph, ComponentKind kind) {
        return graph.components().stream().filter(c -> c.kind() == kind).map(c -> c.key().value()).toList();
    }

    /** Up to {@link #MAX_EVENTS} log events (JSON objects) of the newest samples, each with its sequence number. */
    private static List<Object> events(List<EventSample> samples) {
        List<Object> events = new ArrayList<>();
        for (EventSample sample : samples) {
            for (Object event : sample.events()) {
                if (events.size() >= MAX_EVENTS) {
                    return events;
                }
                if (event instanceof Map<?, ?> map) {
                    Map<String, Object> numbered = new LinkedHashMap<>();
                    map.forEach((k, v) -> numbered.put(String.valueOf(k), v));
                    numbered.remove(PreviewComparison.SEQUENCE_FIELD);
                    numbered.put(PreviewComparison.SEQUENCE_FIELD, events.size());
                    events.add(numbered);
                }
            }
        }
        return events;
    }
}
