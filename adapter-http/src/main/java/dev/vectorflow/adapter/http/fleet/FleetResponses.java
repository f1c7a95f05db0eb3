package dev.vectorflow.adapter.http.fleet;

import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.in.fleet.FleetQueries;
import dev.vectorflow.ports.in.fleet.FleetQueries.LiveCounters;
import dev.vectorflow.ports.out.node.NodeActionRepository.StoredAction;
import dev.vectorflow.ports.out.node.NodeRepository.StatusTransition;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredLogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the fleet API, each mapped from the domain in one place. */
final class FleetResponses {

    private FleetResponses() {
    }

    record EnrollmentTokenResponse(String id, String name, String token, String hint, int maxUses, int uses, Instant expiresAt,
                                   Map<String, String> labels, String state, Instant createdAt, String createdBy) {
        static EnrollmentTokenResponse fromDomain(EnrollmentToken t, String text, Instant now) {
            return new EnrollmentTokenResponse(t.id().toString(), t.name(), text, t.hint(), t.maxUses(), t.uses(), t.expiresAt(),
                    t.labels().values(), t.state(now).name(), t.createdAt(), t.createdBy());
        }
    }

    record PipelineOnNodeResponse(String pipelineId, String pipelineName, Integer version, String checksum, String status, Long pid,
                                  Long uptimeSeconds, String error, Long eventsIn, Long eventsOut, Long bytesIn, Long bytesOut,
                                  Long errorsTotal, Long eventsDiscarded, Double eventsInPerSec, Double eventsOutPerSec,
                                  Double bytesInPerSec, Double bytesOutPerSec, Double errorsPerSec, Double discardedPerSec) {
        static PipelineOnNodeResponse fromDomain(FleetQueries.PipelineOnNode p) {
            LiveCounters l = p.live().orElse(null);
            return new PipelineOnNodeResponse(p.pipelineId().toString(), p.pipelineName(), p.version(), p.checksum(), p.status(), p.pid(),
                    p.uptimeSeconds().orElse(null), p.error(), l == null ? null : l.eventsIn(), l == null ? null : l.eventsOut(),
                    l == null ? null : l.bytesIn(), l == null ? null : l.bytesOut(), l == null ? null : l.errors(),
                    l == null ? null : l.discarded(), l == null ? null : l.eventsInPerSec(), l == null ? null : l.eventsOutPerSec(),
                    l == null ? null : l.bytesInPerSec(), l == null ? null : l.bytesOutPerSec(), l == null ? null : l.errorsPerSec(),
                    l == null ? null : l.discardedPerSec());
        }
    }

    record TransitionResponse(String from, String to, String reason, Instant at) {
        static TransitionResponse fromDomain(StatusTransition t) {
            return new TransitionResponse(t.from() == null ? null : t.from().name(), t.to().name(), t.reason(), t.at());
        }
    }

    record HostResponse(Instant at, Double cpuPercent, Double loadAvg1, Long memoryUsedBytes, Long memoryTotalBytes, Long fsUsedBytes,
                        Long fsTotalBytes) {
        static HostResponse fromDomain(FleetQueries.HostNow h) {
            return new HostResponse(h.at(), h.cpuPercent(), h.loadAvg1(), h.memoryUsedBytes(), h.memoryTotalBytes(), h.fsUsedBytes(),
                    h.fsTotalBytes());
        }
    }

    record NodeResponse(String id, String environmentId, String hostname, String os, String agentVersion, String vectorVersion,
                        String deploymentMode, Map<String, String> labels, Map<String, String> agentLabels, Map<String, String> userLabels,
                        String status, String statusReason, Instant enrolledAt, Instant lastHeartbeatAt, boolean maintenance,
                        boolean tokenRevoked, String updateError, List<PipelineOnNodeResponse> pipelines,
                        List<TransitionResponse> transitions, HostResponse host) {
        static NodeResponse fromDomain(Node n, List<FleetQueries.PipelineOnNode> pipelines) {
            return fromDomain(n, pipelines, null, null);
        }

        static NodeResponse fromDomain(Node n, List<FleetQueries.PipelineOnNode> pipelines, List<TransitionResponse> transitions,
                                       HostResponse host) {
            return new NodeResponse(n.id().toString(), n.environmentId().toString(), n.hostname(), n.os(), n.agentVersion(),
                    n.vectorVersion(), n.deploymentMode(), n.labels().values(), n.agentLabels().values(), n.userLabels().values(),
                    n.status().name(), n.statusReason(), n.enrolledAt(), n.lastHeartbeatAt().orElse(null), n.maintenance(), n.tokenRevoked(),
                    n.updateError(), pipelines.stream().map(PipelineOnNodeResponse::fromDomain).toList(), transitions, host);
        }

        static NodeResponse fromDomain(FleetQueries.NodeDetail d) {
            return fromDomain(d.view().node(), d.view().pipelines(), d.transitions().stream().map(TransitionResponse::fromDomain).toList(),
                    d.host().map(HostResponse::fromDomain).orElse(null));
        }
    }

    record NodeRef(String id, String hostname, Map<String, String> labels, String status) {
        static NodeRef fromDomain(Node n) {
            return new NodeRef(n.id().toString(), n.hostname(), n.labels().values(), n.status().name());
        }
    }

    record MatchResponse(int count, List<NodeRef> nodes) {
    }

    /** {@code environmentVariables}: what the deployed version needs in the environment of the nodes' agents. */
    record DeploymentResponse(String pipelineId, int version, Map<String, String> selector, Instant deployedAt, String deployedBy,
                              Integer matchedNodes, List<String> environmentVariables) {
        static DeploymentResponse fromDomain(Deployment d, Integer matched, java.util.Set<String> variables) {
            return new DeploymentResponse(d.pipelineId().toString(), d.version(), d.selector().required().values(), d.deployedAt(),
                    d.deployedBy(), matched, variables.stream().sorted().toList());
        }
    }

    record NodeDeploymentResponse(String nodeId, String hostname, String nodeStatus, Integer desiredVersion, Integer reportedVersion,
                                  String status, Long uptimeSeconds, String error, boolean inSync, Double eventsInPerSec,
                                  Double eventsOutPerSec) {
        static NodeDeploymentResponse fromDomain(FleetQueries.NodeDeploymentState s) {
            var reported = s.reported();
            var live = reported.flatMap(FleetQueries.PipelineOnNode::live);
            return new NodeDeploymentResponse(s.node().id().toString(), s.node().hostname(), s.node().status().name(),
                    s.desiredVersion().orElse(null), reported.map(FleetQueries.PipelineOnNode::version).orElse(null),
                    reported.map(FleetQueries.PipelineOnNode::status).orElse(s.desiredVersion().isPresent() ? "PENDING" : null),
                    reported.flatMap(FleetQueries.PipelineOnNode::uptimeSeconds).orElse(null),
                    reported.map(FleetQueries.PipelineOnNode::error).orElse(null), s.inSync(),
                    live.map(LiveCounters::eventsInPerSec).orElse(null), live.map(LiveCounters::eventsOutPerSec).orElse(null));
        }
    }

    record DeploymentStatusResponse(DeploymentResponse current, List<NodeDeploymentResponse> nodes) {
        static DeploymentStatusResponse fromDomain(FleetQueries.DeploymentStatus s) {
            return new DeploymentStatusResponse(s.current().map(d -> DeploymentResponse.fromDomain(d, null, s.environmentVariables())).orElse(null),
                    s.nodes().stream().map(NodeDeploymentResponse::fromDomain).toList());
        }
    }

    record HostPoint(Instant t, Double cpuPercent, Long memoryUsedBytes, Long memoryTotalBytes, Long fsUsedBytes, Long fsTotalBytes,
                     Double diskReadBytesPerSec, Double diskWrittenBytesPerSec, Double netRxBytesPerSec, Double netTxBytesPerSec,
                     Double loadAvg1) {
        static HostPoint fromDomain(HostMinute m) {
            return new HostPoint(m.minute(), m.cpuPercent(), m.memoryUsedBytes(), m.memoryTotalBytes(), m.fsUsedBytes(), m.fsTotalBytes(),
                    m.diskReadBytesPerSec(), m.diskWrittenBytesPerSec(), m.netRxBytesPerSec(), m.netTxBytesPerSec(), m.loadAvg1());
        }
    }

    record HostSeriesResponse(long step, List<HostPoint> points) {
    }

    record FlowPoint(Instant t, double eventsInPerSec, double eventsOutPerSec, double bytesInPerSec, double bytesOutPerSec,
                     double errorsPerSec, double discardedPerSec) {
        static FlowPoint fromDomain(ComponentMinute m, Duration step) {
            double s = step.toSeconds();
            return new FlowPoint(m.minute(), m.eventsIn() / s, m.eventsOut() / s, m.bytesIn() / s, m.bytesOut() / s, m.errors() / s,
                    m.discarded() / s);
        }
    }

    record LiveRates(long eventsIn, long eventsOut, long errors, long discarded, double eventsInPerSec, double eventsOutPerSec,
                     double bytesInPerSec, double bytesOutPerSec, double errorsPerSec, double discardedPerSec) {
        static LiveRates fromDomain(LiveCounters l) {
            return new LiveRates(l.eventsIn(), l.eventsOut(), l.errors(), l.discarded(), l.eventsInPerSec(), l.eventsOutPerSec(),
                    l.bytesInPerSec(), l.bytesOutPerSec(), l.errorsPerSec(), l.discardedPerSec());
        }
    }

    record PipelineMetricsResponse(long step, List<FlowPoint> totals, Map<String, List<FlowPoint>> components, Map<String, LiveRates> live) {
        static PipelineMetricsResponse fromDomain(FleetQueries.PipelineMetrics m) {
            Map<String, List<FlowPoint>> components = new LinkedHashMap<>();
            m.components().forEach((id, rows) -> components.put(id, rows.stream().map(r -> FlowPoint.fromDomain(r, m.step())).toList()));
            Map<String, LiveRates> live = new LinkedHashMap<>();
            m.live().forEach((id, l) -> live.put(id, LiveRates.fromDomain(l)));
            return new PipelineMetricsResponse(m.step().toSeconds(), m.totals().stream().map(r -> FlowPoint.fromDomain(r, m.step())).toList(),
                    components, live);
        }
    }

    record LogLineResponse(long seq, String pipelineId, Instant at, String line) {
        static LogLineResponse fromDomain(StoredLogLine l) {
            return new LogLineResponse(l.seq(), l.pipelineId().toString(), l.at(), l.line());
        }
    }

    record SchemaFieldResponse(String path, String type, String sample) {
    }

    record SampleResultResponse(String componentKey, List<Object> events, List<SchemaFieldResponse> schema, String error) {
        static SampleResultResponse fromDomain(EventSample s) {
            return new SampleResultResponse(s.componentKey(), s.events(),
                    s.schema().stream().map(f -> new SchemaFieldResponse(f.path(), f.type(), f.sample())).toList(), s.error());
        }
    }

    record SampleStatusResponse(String requestId, String state, List<SampleResultResponse> results) {
        static SampleStatusResponse fromDomain(FleetQueries.SampleStatus s) {
            return new SampleStatusResponse(s.requestId(), s.done() ? "DONE" : "PENDING", s.results().stream()
                    .map(SampleResultResponse::fromDomain).toList());
        }
    }

    /** A one-shot action of a node: {@code status} is PENDING until the agent settles it (SUCCEEDED or FAILED, with its message). */
    record NodeActionResponse(String id, String type, String pipelineId, String targetVersion, String requestId, Instant createdAt,
                              String createdBy, String status, Instant settledAt, String message) {
        static NodeActionResponse fromDomain(StoredAction a) {
            String status = a.resultStatus().orElse("PENDING");
            Instant settledAt = a.settledAt().orElse(null);
            return switch (a.action()) {
                case OneShotAction.Restart r -> new NodeActionResponse(r.id(), "restart", r.pipelineId().toString(), null, null,
                        a.createdAt(), a.createdBy(), status, settledAt, a.resultMessage());
                case OneShotAction.Sample s -> new NodeActionResponse(s.id(), "sample", s.pipelineId().toString(), null, s.requestId(),
                        a.createdAt(), a.createdBy(), status, settledAt, a.resultMessage());
                case OneShotAction.Update u -> new NodeActionResponse(u.id(), "update", null, u.targetVersion(), null,
                        a.createdAt(), a.createdBy(), status, settledAt, a.resultMessage());
            };
        }
    }
}
