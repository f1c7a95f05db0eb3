package dev.vectorflow.adapter.postgres.rollout;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.labels;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.rollout.Decision;
import dev.vectorflow.core.rollout.Gates;
import dev.vectorflow.core.rollout.HealthGate;
import dev.vectorflow.core.rollout.Rollout;
import dev.vectorflow.core.rollout.RolloutId;
import dev.vectorflow.core.rollout.RolloutPlan;
import dev.vectorflow.core.rollout.RolloutState;
import dev.vectorflow.core.rollout.Wave;
import dev.vectorflow.ports.out.rollout.RolloutRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link RolloutRepository} on {@code rollouts}, {@code rollout_waves}, {@code rollout_nodes} and {@code rollout_decisions}. */
public final class PostgresRolloutRepository implements RolloutRepository {

    private static final String ACTIVE = "('ROLLING', 'SOAKING', 'PAUSED')";

    private final Supplier<DSLContext> dsl;

    public PostgresRolloutRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(Rollout r) {
        Gates g = r.plan().gates();
        Optional<HealthGate.Rates> b = r.baseline();
        dsl.get().execute("""
                insert into rollouts (id, pipeline_id, environment_id, target_version, target_selector, previous_version, previous_selector,
                    error_rate_margin_percent, discarded_margin_percent, min_events_out_fraction, rollback_on_failure, converge_timeout_seconds,
                    state, current_wave, wave_started_at, soak_ends_at, baseline_events_in, baseline_events_out, baseline_errors,
                    baseline_discarded, created_at, created_by, updated_at)
                values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                r.id().value(), r.pipelineId().value(), r.environmentId().value(), r.targetVersion(), labels(r.targetSelector().required()),
                r.previousVersion().orElse(null), r.previousSelector().map(s -> labels(s.required())).orElse(null),
                g.errorRateMarginPercent().orElse(null), g.discardedMarginPercent().orElse(null), g.minEventsOutFraction().orElse(null),
                r.plan().rollbackOnFailure(), r.plan().convergeTimeoutSeconds(), r.state().name(), r.currentWave(), utc(r.waveStartedAt()),
                r.soakEndsAt().map(t -> utc(t)).orElse(null), b.map(HealthGate.Rates::eventsIn).orElse(null),
                b.map(HealthGate.Rates::eventsOut).orElse(null), b.map(HealthGate.Rates::errors).orElse(null),
                b.map(HealthGate.Rates::discarded).orElse(null), utc(r.createdAt()), r.createdBy(), utc(r.updatedAt()));
        BatchBindStep waves = dsl.get().batch("insert into rollout_waves (rollout_id, idx, size, soak_seconds) values (?,?,?,?)");
        for (int i = 0; i < r.plan().waves().size(); i++) {
            waves.bind(r.id().value(), i, r.plan().wave(i).size().text(), r.plan().wave(i).soakSeconds());
        }
        waves.execute();
        if (!r.assignment().isEmpty()) {
            BatchBindStep nodes = dsl.get().batch("insert into rollout_nodes (rollout_id, node_id, wave) values (?,?,?)");
            r.assignment().forEach((node, wave) -> nodes.bind(r.id().value(), node.value(), wave));
            nodes.execute();
        }
    }

    @Override
    public void update(Rollout r) {
        dsl.get().execute("update rollouts set state = ?, current_wave = ?, wave_started_at = ?, soak_ends_at = ?, updated_at = ? where id = ?",
                r.state().name(), r.currentWave(), utc(r.waveStartedAt()), r.soakEndsAt().map(t -> utc(t)).orElse(null), utc(r.updatedAt()),
                r.id().value());
    }

    @Override
    public void addDecision(RolloutId rollout, Decision d) {
        dsl.get().execute("insert into rollout_decisions (rollout_id, at, wave, kind, reason, figures) values (?,?,?,?,?,?)",
                rollout.value(), utc(d.at()), d.wave(), d.kind().name(), d.reason(), d.figures());
    }

    @Override
    public Optional<Rollout> find(RolloutId id) {
        return dsl.get().fetchOptional("select * from rollouts where id = ?", id.value()).map(this::toRollout);
    }

    @Override
    public Optional<Rollout> findActive(PipelineId pipeline) {
        return dsl.get().fetchOptional("select * from rollouts where pipeline_id = ? and state in " + ACTIVE, pipeline.value())
                .map(this::toRollout);
    }

    @Override
    public List<Rollout> moving() {
        return dsl.get().fetch("select * from rollouts where state in ('ROLLING', 'SOAKING') order by created_at").map(this::toRollout);
    }

    @Override
    public List<Rollout> activeIn(EnvironmentId environment) {
        return dsl.get().fetch("select * from rollouts where environment_id = ? and state in " + ACTIVE + " order by created_at",
                environment.value()).map(this::toRollout);
    }

    @Override
    public List<Rollout> ofPipeline(PipelineId pipeline, int limit) {
        return dsl.get().fetch("select * from rollouts where pipeline_id = ? order by created_at desc, id limit ?", pipeline.value(), limit)
                .map(this::toRollout);
    }

    @Override
    public List<Decision> decisions(RolloutId rollout, int limit) {
        List<Decision> latest = new ArrayList<>(dsl.get().fetch("select * from rollout_decisions where rollout_id = ? order by id desc limit ?",
                rollout.value(), limit).map(r -> new Decision(instant(r, "at"), r.get("wave", Integer.class),
                Decision.Kind.valueOf(r.get("kind", String.class)), r.get("reason", String.class), r.get("figures", String.class))));
        java.util.Collections.reverse(latest);
        return latest;
    }

    private Rollout toRollout(Record r) {
        UUID id = r.get("id", UUID.class);
        List<Wave> waves = dsl.get().fetch("select size, soak_seconds from rollout_waves where rollout_id = ? order by idx", id)
                .map(w -> new Wave(Wave.sizeOf(w.get("size", String.class)), w.get("soak_seconds", Integer.class)));
        Map<NodeId, Integer> assignment = new HashMap<>();
        for (Record n : dsl.get().fetch("select node_id, wave from rollout_nodes where rollout_id = ?", id)) {
            assignment.put(new NodeId(n.get("node_id", UUID.class)), n.get("wave", Integer.class));
        }
        Gates gates = new Gates(Optional.ofNullable(r.get("error_rate_margin_percent", Double.class)),
                Optional.ofNullable(r.get("discarded_margin_percent", Double.class)), Optional.ofNullable(r.get("min_events_out_fraction", Double.class)));
        RolloutPlan plan = new RolloutPlan(waves, gates, r.get("rollback_on_failure", Boolean.class), r.get("converge_timeout_seconds", Integer.class));
        Double in = r.get("baseline_events_in", Double.class);
        Optional<HealthGate.Rates> baseline = in == null ? Optional.empty() : Optional.of(new HealthGate.Rates(in,
                r.get("baseline_events_out", Double.class), r.get("baseline_errors", Double.class), r.get("baseline_discarded", Double.class)));
        String previousSelector = r.get("previous_selector", String.class);
        return new Rollout(new RolloutId(id), new PipelineId(r.get("pipeline_id", UUID.class)), new EnvironmentId(r.get("environment_id", UUID.class)),
                r.get("target_version", Integer.class), new NodeSelector(labels(r.get("target_selector", String.class))),
                Optional.ofNullable(r.get("previous_version", Integer.class)),
                Optional.ofNullable(previousSelector).map(s -> new NodeSelector(labels(s))), plan, RolloutState.valueOf(r.get("state", String.class)),
                r.get("current_wave", Integer.class), instant(r, "wave_started_at"), Optional.ofNullable(instant(r, "soak_ends_at")), baseline,
                assignment, instant(r, "created_at"), r.get("created_by", String.class), instant(r, "updated_at"));
    }
}
