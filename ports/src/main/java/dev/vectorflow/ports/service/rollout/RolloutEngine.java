package dev.vectorflow.ports.service.rollout;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.DesiredPipeline;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.rollout.Decision;
import dev.vectorflow.core.rollout.HealthGate;
import dev.vectorflow.core.rollout.Rollout;
import dev.vectorflow.core.rollout.RolloutId;
import dev.vectorflow.core.rollout.RolloutPlan;
import dev.vectorflow.core.rollout.RolloutState;
import dev.vectorflow.core.rollout.WaveAssignment;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.rollout.RolloutRepository;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredPipelineState;
import dev.vectorflow.ports.service.fleet.DesiredStates;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts, advances and ends staged rollouts. Everything lives in the database: {@link #advance()} runs on the server
 * holding the {@link #JOB} lease and reads the state afresh each time, so a restart or a lease move continues where the
 * rollout stood. Each step that changes what nodes run tells every server through {@link FleetChanges}.
 */
public final class RolloutEngine {

    public static final String JOB = "rollouts.advance";
    /** The actor the audit log names for what the rollout job decides by itself. */
    static final Actor JOB_ACTOR = new Actor(new Principal.Anonymous(), "server", "rollout-job");

    private static final System.Logger LOG = System.getLogger(RolloutEngine.class.getName());

    private final Transactions transactions;
    private final RolloutRepository rollouts;
    private final DeploymentRepository deployments;
    private final NodeRepository nodes;
    private final TelemetryRepository telemetry;
    private final LiveTelemetry live;
    private final DesiredStates desired;
    private final FleetChanges changes;
    private final FleetAudit audit;
    private final IdGenerator ids;
    private final Clock clock;

    public RolloutEngine(Transactions transactions, RolloutRepository rollouts, DeploymentRepository deployments, NodeRepository nodes,
                         TelemetryRepository telemetry, LiveTelemetry live, DesiredStates desired, FleetChanges changes, FleetAudit audit,
                         IdGenerator ids, Clock clock) {
        this.transactions = transactions;
        this.rollouts = rollouts;
        this.deployments = deployments;
        this.nodes = nodes;
        this.telemetry = telemetry;
        this.live = live;
        this.desired = desired;
        this.changes = changes;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    RolloutRepository repository() {
        return rollouts;
    }

    /**
     * Inside the deploy's unit of work: a rollout the pipeline had is superseded (its previous deployment stays the
     * previous one: what most nodes still run), and, with a plan, a new rollout starts at its first wave.
     */
    public Optional<Rollout> onDeploy(Actor actor, Pipeline pipeline, Deployment next, Optional<Deployment> before, Optional<RolloutPlan> plan)
            throws NotFoundFailure {
        Instant now = clock.instant();
        Optional<Rollout> running = rollouts.findActive(pipeline.id());
        Optional<Integer> previousVersion = before.map(Deployment::version);
        Optional<NodeSelector> previousSelector = before.map(Deployment::selector);
        if (running.isPresent()) {
            Rollout old = running.get();
            previousVersion = old.previousVersion();
            previousSelector = old.previousSelector();
            end(old, RolloutState.SUPERSEDED, Decision.Kind.SUPERSEDED, "a new deploy (version " + next.version() + ") by " + actor.label()
                    + " took over", now);
            audit.record(actor, "rollout.supersede", "rollout", old.id().toString(), old.environmentId(), Changes.none()
                    .field("state", old.state().name(), RolloutState.SUPERSEDED.name()));
        }
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        List<WaveAssignment.Candidate> candidates = new ArrayList<>();
        List<HealthGate.Rates> before0 = new ArrayList<>();
        for (Node node : nodes.findByEnvironment(pipeline.environmentId())) {
            if (!node.maintenance() && next.selector().matches(node.labels())) {
                candidates.add(new WaveAssignment.Candidate(node.id(), node.hostname(), node.labels()));
                rates(node.id(), next).ifPresent(before0::add);
            }
        }
        RolloutPlan p = plan.get();
        Map<NodeId, Integer> assignment = WaveAssignment.assign(p, candidates);
        Optional<HealthGate.Rates> baseline = HealthGate.Rates.average(before0);
        Rollout rollout = new Rollout(new RolloutId(ids.newId()), pipeline.id(), pipeline.environmentId(), next.version(), next.selector(),
                previousVersion, previousSelector, p, RolloutState.ROLLING, 0, now, Optional.empty(), baseline, assignment, now, actor.label(), now);
        rollouts.insert(rollout);
        int[] sizes = new int[p.waves().size()];
        assignment.values().forEach(w -> sizes[w]++);
        List<String> waves = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            waves.add(p.wave(i).size().text() + " → " + sizes[i]);
        }
        rollouts.addDecision(rollout.id(), new Decision(now, -1, Decision.Kind.STARTED, "version " + next.version() + " to " + candidates.size()
                + " node(s) in " + sizes.length + " wave(s), previous version " + previousVersion.map(String::valueOf).orElse("none") + " by "
                + actor.label(), "waves: " + String.join(", ", waves) + baseline.map(b -> "; before per node: in %.2f/s, out %.2f/s, errors %.2f %%, discarded %.2f %%"
                .formatted(b.eventsIn(), b.eventsOut(), b.errorPercent(), b.discardedPercent())).orElse("; no rates of the previous version")));
        rollouts.addDecision(rollout.id(), new Decision(now, 0, Decision.Kind.WAVE_ADMITTED, sizes[0] + " node(s) get version " + next.version(), ""));
        audit.record(actor, "rollout.start", "rollout", rollout.id().toString(), rollout.environmentId(), Changes.none()
                .field("pipeline", null, pipeline.id().toString()).field("version", null, next.version())
                .field("waves", null, String.join(", ", waves)).field("rollbackOnFailure", null, p.rollbackOnFailure()));
        return Optional.of(rollout);
    }

    /** Inside an undeploy's unit of work: a rollout of the pipeline is over. */
    public void onUndeploy(Actor actor, Pipeline pipeline) throws NotFoundFailure {
        Optional<Rollout> running = rollouts.findActive(pipeline.id());
        if (running.isPresent()) {
            end(running.get(), RolloutState.SUPERSEDED, Decision.Kind.SUPERSEDED, "the pipeline was undeployed by " + actor.label(), clock.instant());
            audit.record(actor, "rollout.supersede", "rollout", running.get().id().toString(), pipeline.environmentId(), Changes.none()
                    .field("state", running.get().state().name(), RolloutState.SUPERSEDED.name()));
        }
    }

    /** One round of the job: every ROLLING or SOAKING rollout takes the step its state allows. Returns how many changed. */
    public int advance() {
        int changed = 0;
        for (Rollout r : transactions.inTransaction(rollouts::moving)) {
            try {
                Optional<DesiredPipeline> target = desired.plan(r.environmentId()).deployed().stream()
                        .filter(d -> d.pipelineId().equals(r.pipelineId())).findFirst();
                if (transactions.inTransaction(() -> step(r.id(), target))) {
                    changed++;
                }
            } catch (RuntimeException | NotFoundFailure e) {
                LOG.log(System.Logger.Level.WARNING, "rollout {0} could not advance: {1}", r.id(), e.toString());
            }
        }
        return changed;
    }

    private boolean step(RolloutId id, Optional<DesiredPipeline> target) throws NotFoundFailure {
        Optional<Rollout> found = rollouts.find(id);
        if (found.isEmpty() || !(found.get().state() == RolloutState.ROLLING || found.get().state() == RolloutState.SOAKING)) {
            return false;
        }
        Rollout r = found.get();
        Instant now = clock.instant();
        if (target.isEmpty() || target.get().version() != r.targetVersion()) {
            return false; // the plan is being recomputed; the next round sees it
        }
        Map<NodeId, StoredPipelineState> states = new HashMap<>();
        for (StoredPipelineState s : telemetry.pipelineStatesOf(r.pipelineId())) {
            states.put(s.nodeId(), s);
        }
        List<HealthGate.NodeHealth> admitted = new ArrayList<>();
        List<HealthGate.NodeHealth> wave = new ArrayList<>();
        for (Node node : nodes.findByEnvironment(r.environmentId())) {
            if (node.maintenance() || !r.targetSelector().matches(node.labels()) || !r.admits(node.id())) {
                continue;
            }
            Instant admittedAt = r.waveOf(node.id()) == r.currentWave() ? r.waveStartedAt() : r.createdAt();
            HealthGate.NodeHealth health = health(node, states.get(node.id()), target.get(), admittedAt);
            admitted.add(health);
            if (r.waveOf(node.id()) == r.currentWave() || r.currentWave() == r.plan().lastWave()) {
                wave.add(health);
            }
        }
        Optional<HealthGate.Verdict> crash = HealthGate.crashed(admitted);
        if (crash.isPresent()) {
            fail(r, crash.get(), now);
            return true;
        }
        int index = r.currentWave();
        if (r.state() == RolloutState.ROLLING) {
            if (wave.isEmpty()) {
                rollouts.addDecision(r.id(), new Decision(now, index, Decision.Kind.SKIPPED_EMPTY, "no node of the environment is in this wave", ""));
                nextWave(r, now);
                return true;
            }
            if (!HealthGate.converged(wave)) {
                if (now.isAfter(r.waveStartedAt().plusSeconds(r.plan().convergeTimeoutSeconds()))) {
                    List<String> behind = wave.stream().filter(n -> !(n.runsTarget() && n.status() == PipelineRunStatus.RUNNING))
                            .map(n -> n.node() + " " + (n.runsTarget() ? n.status() : "not on the new version")).toList();
                    fail(r, new HealthGate.Verdict(false, behind.size() + " node(s) did not run the new version within "
                            + r.plan().convergeTimeoutSeconds() + " s: " + String.join(", ", behind.subList(0, Math.min(10, behind.size()))), ""), now);
                    return true;
                }
                return false;
            }
            int soak = r.plan().wave(index).soakSeconds();
            rollouts.addDecision(r.id(), new Decision(now, index, Decision.Kind.CONVERGED, "all " + wave.size()
                    + " node(s) of the wave run the new version; soaking " + soak + " s", ""));
            r = r.with(RolloutState.SOAKING, index, r.waveStartedAt(), Optional.of(now.plusSeconds(soak)), now);
            rollouts.update(r);
            if (soak > 0) {
                return true;
            }
        }
        if (r.soakEndsAt().map(now::isBefore).orElse(false)) {
            return false;
        }
        HealthGate.Verdict verdict = HealthGate.evaluate(r.plan().gates(), wave, r.baseline());
        if (!verdict.passed()) {
            fail(r, verdict, now);
            return true;
        }
        rollouts.addDecision(r.id(), new Decision(now, index, Decision.Kind.GATE_PASSED, verdict.reason(), verdict.figures()));
        nextWave(r, now);
        return true;
    }

    private HealthGate.NodeHealth health(Node node, StoredPipelineState state, DesiredPipeline target, Instant admittedAt) {
        if (state == null) {
            return new HealthGate.NodeHealth(named(node), PipelineRunStatus.PENDING, false, false, Optional.empty());
        }
        boolean runsTarget = Objects.equals(state.checksum(), target.checksum()) && (state.version() == null || state.version() == target.version());
        Optional<HealthGate.Rates> rates = runsTarget ? live.live(node.id(), target.pipelineId())
                .map(c -> new HealthGate.Rates(c.eventsInPerSec(), c.eventsOutPerSec(), c.errorsPerSec(), c.discardedPerSec())) : Optional.empty();
        return new HealthGate.NodeHealth(named(node), PipelineRunStatus.fromWire(state.status()), runsTarget,
                state.updatedAt().isAfter(admittedAt), rates);
    }

    /** How the decision log names a node: its host name and the end of its id (host names need not differ). */
    static String named(Node node) {
        String id = node.id().toString();
        return node.hostname() + " (…" + id.substring(id.length() - 6) + ")";
    }

    private Optional<HealthGate.Rates> rates(NodeId node, Deployment of) {
        return live.live(node, of.pipelineId())
                .map(c -> new HealthGate.Rates(c.eventsInPerSec(), c.eventsOutPerSec(), c.errorsPerSec(), c.discardedPerSec()));
    }

    private void nextWave(Rollout r, Instant now) {
        if (r.currentWave() >= r.plan().lastWave()) {
            rollouts.update(r.with(RolloutState.COMPLETED, r.currentWave(), r.waveStartedAt(), Optional.empty(), now));
            rollouts.addDecision(r.id(), new Decision(now, r.currentWave(), Decision.Kind.COMPLETED, "every node runs version " + r.targetVersion(), ""));
        } else {
            int next = r.currentWave() + 1;
            rollouts.update(r.with(RolloutState.ROLLING, next, now, Optional.empty(), now));
            long size = r.assignment().values().stream().filter(w -> w == next).count();
            rollouts.addDecision(r.id(), new Decision(now, next, Decision.Kind.WAVE_ADMITTED, size + " node(s) get version " + r.targetVersion()
                    + (next == r.plan().lastWave() ? " (the last wave: every other node too)" : ""), ""));
        }
        changes.environmentChanged(r.environmentId());
    }

    private void fail(Rollout r, HealthGate.Verdict verdict, Instant now) throws NotFoundFailure {
        rollouts.addDecision(r.id(), new Decision(now, r.currentWave(), Decision.Kind.GATE_FAILED, verdict.reason(), verdict.figures()));
        if (r.plan().rollbackOnFailure()) {
            restorePrevious(r, now);
            end(r, RolloutState.ROLLED_BACK, Decision.Kind.ROLLED_BACK, "the admitted nodes go back to "
                    + r.previousVersion().map(v -> "version " + v).orElse("nothing (there was no previous deployment)"), now);
            audit.record(JOB_ACTOR, "rollout.rollback", "rollout", r.id().toString(), r.environmentId(), Changes.none()
                    .field("state", r.state().name(), RolloutState.ROLLED_BACK.name()).field("reason", null, verdict.reason()));
        } else {
            rollouts.update(r.with(RolloutState.PAUSED, r.currentWave(), r.waveStartedAt(), Optional.empty(), now));
            rollouts.addDecision(r.id(), new Decision(now, r.currentWave(), Decision.Kind.PAUSED, "paused by the failed gate: resume, skip or abort", ""));
            audit.record(JOB_ACTOR, "rollout.pause", "rollout", r.id().toString(), r.environmentId(), Changes.none()
                    .field("state", r.state().name(), RolloutState.PAUSED.name()).field("reason", null, verdict.reason()));
        }
        changes.environmentChanged(r.environmentId());
    }

    /** Points the pipeline's deployment back at the previous one (or undeploys it when there was none). */
    void restorePrevious(Rollout r, Instant now) {
        if (r.previousVersion().isPresent()) {
            deployments.save(new Deployment(r.pipelineId(), r.environmentId(), r.previousVersion().get(), r.previousSelector().get(), now,
                    "rollout " + r.id()));
        } else {
            deployments.delete(r.pipelineId());
        }
    }

    /** Stores a final (or paused) state with its decision. */
    void end(Rollout r, RolloutState state, Decision.Kind kind, String reason, Instant now) {
        rollouts.update(r.with(state, r.currentWave(), r.waveStartedAt(), Optional.empty(), now));
        rollouts.addDecision(r.id(), new Decision(now, r.currentWave(), kind, reason, ""));
        changes.environmentChanged(r.environmentId());
    }
}
