package dev.vectorflow.adapter.http.rollout;

import dev.vectorflow.core.rollout.Decision;
import dev.vectorflow.core.rollout.Gates;
import dev.vectorflow.core.rollout.Rollout;
import dev.vectorflow.ports.in.rollout.RolloutQueries;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of rollouts, each mapped from the domain in one place. */
final class RolloutResponses {

    private RolloutResponses() {
    }

    /** A rollout in a list: what it deploys, where it stands. */
    record RolloutSummaryResponse(String id, String pipelineId, int targetVersion, Map<String, String> selector, Integer previousVersion,
                                  String state, int currentWave, int waveCount, Instant waveStartedAt, Instant soakEndsAt, Instant createdAt,
                                  String createdBy, Instant updatedAt) {
        static RolloutSummaryResponse fromDomain(Rollout r) {
            return new RolloutSummaryResponse(r.id().toString(), r.pipelineId().toString(), r.targetVersion(), r.targetSelector().required().values(),
                    r.previousVersion().orElse(null), r.state().name(), r.currentWave(), r.plan().waves().size(), r.waveStartedAt(),
                    r.soakEndsAt().orElse(null), r.createdAt(), r.createdBy(), r.updatedAt());
        }
    }

    record GatesResponse(Double errorRateMarginPercent, Double discardedMarginPercent, Double minEventsOutFraction) {
        static GatesResponse fromDomain(Gates g) {
            return new GatesResponse(g.errorRateMarginPercent().orElse(null), g.discardedMarginPercent().orElse(null),
                    g.minEventsOutFraction().orElse(null));
        }
    }

    /** Per-second rates of the previous version per node, measured when the rollout started; error and discarded in percent. */
    record BaselineResponse(double eventsInPerSec, double eventsOutPerSec, double errorPercent, double discardedPercent) {
    }

    record NodeInWaveResponse(String nodeId, String hostname, boolean admitted, Integer reportedVersion, String status, boolean runsNewVersion) {
        static NodeInWaveResponse fromDomain(RolloutQueries.NodeInWave n) {
            return new NodeInWaveResponse(n.nodeId(), n.hostname(), n.admitted(), n.reportedVersion().orElse(null),
                    n.status().map(Enum::name).orElse(null), n.runsTarget());
        }
    }

    /** {@code size}: {@code nodes:N}, {@code percent:P}, {@code label:k=v} or {@code rest}. */
    record WaveResponse(int index, String size, int soakSeconds, List<NodeInWaveResponse> nodes) {
    }

    record DecisionResponse(Instant at, Integer wave, String kind, String reason, String figures) {
        static DecisionResponse fromDomain(Decision d) {
            return new DecisionResponse(d.at(), d.wave() < 0 ? null : d.wave(), d.kind().name(), d.reason(), d.figures().isEmpty() ? null : d.figures());
        }
    }

    record RolloutDetailResponse(RolloutSummaryResponse rollout, String pipelineName, GatesResponse gates, boolean rollbackOnFailure,
                                 int convergeTimeoutSeconds, BaselineResponse baseline, List<WaveResponse> waves, List<DecisionResponse> decisions) {
        static RolloutDetailResponse fromDomain(RolloutQueries.RolloutDetail d) {
            Rollout r = d.rollout();
            return new RolloutDetailResponse(RolloutSummaryResponse.fromDomain(r), d.pipelineName(), GatesResponse.fromDomain(r.plan().gates()),
                    r.plan().rollbackOnFailure(), r.plan().convergeTimeoutSeconds(),
                    r.baseline().map(b -> new BaselineResponse(b.eventsIn(), b.eventsOut(), b.errorPercent(), b.discardedPercent())).orElse(null),
                    d.waves().stream().map(w -> new WaveResponse(w.index(), w.size(), w.soakSeconds(),
                            w.nodes().stream().map(NodeInWaveResponse::fromDomain).toList())).toList(),
                    d.decisions().stream().map(DecisionResponse::fromDomain).toList());
        }
    }

    record RolloutListResponse(List<RolloutSummaryResponse> rollouts) {
    }
}
