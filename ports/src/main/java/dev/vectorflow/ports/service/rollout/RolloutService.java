package dev.vectorflow.ports.service.rollout;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.DomainFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.DesiredPipeline;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.rollout.Decision;
import dev.vectorflow.core.rollout.Rollout;
import dev.vectorflow.core.rollout.RolloutId;
import dev.vectorflow.core.rollout.RolloutState;
import dev.vectorflow.ports.in.rollout.ControlRolloutUseCase;
import dev.vectorflow.ports.in.rollout.RolloutQueries;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.rollout.RolloutRepository;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredPipelineState;
import dev.vectorflow.ports.service.fleet.DesiredStates;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A person's view of rollouts and the four things they can do to one (pause, resume, abort, skip). Audited. */
public final class RolloutService implements RolloutQueries, ControlRolloutUseCase {

    private final Transactions transactions;
    private final RolloutEngine engine;
    private final RolloutRepository rollouts;
    private final PipelineRepository pipelines;
    private final NodeRepository nodes;
    private final TelemetryRepository telemetry;
    private final DesiredStates desired;
    private final FleetAudit audit;
    private final Clock clock;

    public RolloutService(Transactions transactions, RolloutEngine engine, PipelineRepository pipelines, NodeRepository nodes,
                          TelemetryRepository telemetry, DesiredStates desired, FleetAudit audit, Clock clock) {
        this.transactions = transactions;
        this.engine = engine;
        this.rollouts = engine.repository();
        this.pipelines = pipelines;
        this.nodes = nodes;
        this.telemetry = telemetry;
        this.desired = desired;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<Rollout> rollouts(PipelineId pipeline) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Existing.pipeline(pipelines, pipeline);
            return rollouts.ofPipeline(pipeline, MAX_LISTED);
        });
    }

    @Override
    public Optional<PipelineId> pipelineOf(RolloutId id) {
        return transactions.inTransaction(() -> rollouts.find(id).map(Rollout::pipelineId));
    }

    @Override
    public RolloutDetail rollout(RolloutId id) throws NotFoundFailure {
        Rollout found = transactions.inTransaction(() -> rollouts.find(id)).orElseThrow(() -> new NotFoundFailure("Rollout", id));
        Optional<DesiredPipeline> target = desired.plan(found.environmentId()).deployed().stream()
                .filter(d -> d.pipelineId().equals(found.pipelineId()) && d.version() == found.targetVersion()).findFirst();
        return transactions.inTransaction(() -> {
            Rollout r = rollouts.find(id).orElseThrow(() -> new NotFoundFailure("Rollout", id));
            Pipeline pipeline = Existing.pipeline(pipelines, r.pipelineId());
            Map<String, StoredPipelineState> states = new HashMap<>();
            for (StoredPipelineState s : telemetry.pipelineStatesOf(r.pipelineId())) {
                states.put(s.nodeId().toString(), s);
            }
            List<List<NodeInWave>> byWave = new ArrayList<>();
            for (int i = 0; i < r.plan().waves().size(); i++) {
                byWave.add(new ArrayList<>());
            }
            for (Node node : nodes.findByEnvironment(r.environmentId())) {
                if (!r.assignment().containsKey(node.id()) && !(r.targetSelector().matches(node.labels()) && !node.maintenance())) {
                    continue;
                }
                StoredPipelineState s = states.get(node.id().toString());
                boolean runsTarget = s != null && target.isPresent() && Objects.equals(s.checksum(), target.get().checksum());
                boolean admitted = r.state() == RolloutState.COMPLETED || r.state().active() && r.admits(node.id());
                byWave.get(r.waveOf(node.id())).add(new NodeInWave(node.id().toString(), node.hostname(), admitted,
                        Optional.ofNullable(s).map(StoredPipelineState::version), Optional.ofNullable(s).map(x -> PipelineRunStatus.fromWire(x.status())),
                        runsTarget));
            }
            List<WaveDetail> waves = new ArrayList<>();
            for (int i = 0; i < byWave.size(); i++) {
                waves.add(new WaveDetail(i, r.plan().wave(i).size().text(), r.plan().wave(i).soakSeconds(), byWave.get(i)));
            }
            List<Decision> decisions = rollouts.decisions(r.id(), MAX_DECISIONS);
            return new RolloutDetail(r, pipeline.name().value(), waves, decisions);
        });
    }

    @Override
    public Rollout control(ControlRolloutCommand command) throws DomainFailure {
        return transactions.inTransaction(() -> {
            Rollout r = rollouts.find(command.rollout()).orElseThrow(() -> new NotFoundFailure("Rollout", command.rollout()));
            Instant now = clock.instant();
            String who = command.actor().label();
            RolloutState before = r.state();
            Rollout after;
            switch (command.action()) {
                case PAUSE -> {
                    require(r, r.state() == RolloutState.ROLLING || r.state() == RolloutState.SOAKING, "pause", "ROLLING or SOAKING");
                    engine.end(r, RolloutState.PAUSED, Decision.Kind.PAUSED, "paused by " + who, now);
                }
                case RESUME -> {
                    require(r, r.state() == RolloutState.PAUSED, "resume", "PAUSED");
                    rollouts.update(r.with(RolloutState.ROLLING, r.currentWave(), now, Optional.empty(), now));
                    rollouts.addDecision(r.id(), new Decision(now, r.currentWave(), Decision.Kind.RESUMED, "resumed by " + who
                            + ": the current wave converges, soaks and is gated again", ""));
                }
                case ABORT -> {
                    require(r, r.state().active(), "abort", "ROLLING, SOAKING or PAUSED");
                    engine.restorePrevious(r, now);
                    engine.end(r, RolloutState.ABORTED, Decision.Kind.ABORTED, "aborted by " + who + ": every node goes back to "
                            + r.previousVersion().map(v -> "version " + v).orElse("nothing (there was no previous deployment)"), now);
                }
                case SKIP -> {
                    require(r, r.state().active(), "skip", "ROLLING, SOAKING or PAUSED");
                    engine.end(r, RolloutState.COMPLETED, Decision.Kind.SKIPPED_TO_END, "skipped to the end by " + who
                            + ": every node gets version " + r.targetVersion(), now);
                }
                default -> throw new IllegalStateException();
            }
            after = rollouts.find(r.id()).orElseThrow();
            audit.record(command.actor(), "rollout." + command.action().name().toLowerCase(java.util.Locale.ROOT), "rollout", r.id().toString(),
                    r.environmentId(), Changes.none().field("state", before.name(), after.state().name()));
            return after;
        });
    }

    private static void require(Rollout r, boolean allowed, String action, String states) throws ConflictFailure {
        if (!allowed) {
            throw ConflictFailure.onState("cannot " + action + " a rollout that is " + r.state() + " (only one that is " + states + ")");
        }
    }
}
