package dev.vectorflow.adapter.http.node;

import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.in.node.NodeQueries;
import dev.vectorflow.ports.in.node.NodeQueries.PipelineOnNode;
import dev.vectorflow.ports.in.telemetry.MetricsQueries;
import dev.vectorflow.ports.in.telemetry.MetricsQueries.LiveCounters;
import dev.vectorflow.ports.out.node.NodeActionRepository.StoredAction;
import dev.vectorflow.ports.out.node.NodeRepository.StatusTransition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
/** The JSON shapes of nodes, each mapped from the domain in one place. */
final class NodeResponses {

    private NodeResponses() {
    }

    record PipelineOnNodeResponse(String pipelineId, String pipelineName, Integer version, String checksum, String status, Long pid,
                                  Long uptimeSeconds, String error, Long eventsIn, Long eventsOut, Long bytesIn, Long bytesOut,
                                  Long errorsTotal, Long eventsDiscarded, Double eventsInPerSec, Double eventsOutPerSec,
                                  Double bytesInPerSec, Double bytesOutPerSec, Double errorsPerSec, Double discardedPerSec) {
        static PipelineOnNodeResponse fromDomain(PipelineOnNode p) {
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
        static HostResponse fromDomain(MetricsQueries.HostNow h) {
            return new HostResponse(h.at(), h.cpuPercent(), h.loadAvg1(), h.memoryUsedBytes(), h.memoryTotalBytes(), h.fsUsedBytes(),
                    h.fsTotalBytes());
        }
    }

    record NodeResponse(String id, String environmentId, String hostname, String os, String agentVersion, String vectorVersion,
                        String deploymentMode, Map<String, String> labels, Map<String, String> agentLabels, Map<String, String> userLabels,
                        String status, String statusReason, Instant enrolledAt, Instant lastHeartbeatAt, boolean maintenance,
                        boolean tokenRevoked, String updateError, List<PipelineOnNodeResponse> pipelines,
                        List<TransitionResponse> transitions, HostResponse host) {
        static NodeResponse fromDomain(Node n, List<PipelineOnNode> pipelines) {
            return fromDomain(n, pipelines, null, null);
        }

        static NodeResponse fromDomain(Node n, List<PipelineOnNode> pipelines, List<TransitionResponse> transitions,
                                       HostResponse host) {
            return new NodeResponse(n.id().toString(), n.environmentId().toString(), n.hostname(), n.os(), n.agentVersion(),
                    n.vectorVersion(), n.deploymentMode(), n.labels().values(), n.agentLabels().values(), n.userLabels().values(),
                    n.status().name(), n.statusReason(), n.enrolledAt(), n.lastHeartbeatAt().orElse(null), n.maintenance(), n.tokenRevoked(),
                    n.updateError(), pipelines.stream().map(PipelineOnNodeResponse::fromDomain).toList(), transitions, host);
        }

        static NodeResponse fromDomain(NodeQueries.NodeDetail d) {
            return fromDomain(d.view().node(), d.view().pipelines(), d.transitions().stream().map(TransitionResponse::fromDomain).toList(),
                    d.host().map(HostResponse::fromDomain).orElse(null));
        }
    }

    record NodeRef(String id, String hostname, Map<String, String> labels, String status) {
        static NodeRef fromDomain(Node n) {
            return new NodeRef(n.id().toString(), n.hostname(), n.labels().values(), n.status().name());
        }
    }

    /** How many nodes the selector matches, and the first of them by hostname (at most 50). */
    record MatchResponse(long count, List<NodeRef> nodes) {
    }

    /** A page of the node list: its nodes, how many match in all, and the cursor of the next page (null on the last). */
    record NodeListResponse(List<NodeResponse> nodes, long total, String nextCursor) {
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
                case OneShotAction.Preview p -> new NodeActionResponse(p.id(), "preview", p.pipelineId().toString(), null, p.requestId(),
                        a.createdAt(), a.createdBy(), status, settledAt, a.resultMessage());
                case OneShotAction.Update u -> new NodeActionResponse(u.id(), "update", null, u.targetVersion(), null,
                        a.createdAt(), a.createdBy(), status, settledAt, a.resultMessage());
            };
        }
    }
}
