package dev.vectorflow.adapter.postgres.preview;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.adapter.postgres.pipeline.GraphDocument;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.preview.PreviewRepository;
import dev.vectorflow.ports.out.preview.StoredPreview;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link PreviewRepository} on {@code previews}; the draft's graph as pipelines store theirs, events, sinks and comparison as JSON. */
public final class PostgresPreviewRepository implements PreviewRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresPreviewRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static StoredPreview toPreview(Record r) {
        String diff = r.get("diff", String.class);
        return new StoredPreview(r.get("id", String.class), new PipelineId(r.get("pipeline_id", UUID.class)),
                new EnvironmentId(r.get("environment_id", UUID.class)), r.get("pipeline_name", String.class), new NodeId(r.get("node_id", UUID.class)),
                r.get("node_name", String.class), r.get("against_version", Integer.class), r.get("against_deployed", Boolean.class),
                GraphDocument.read(r.get("draft_graph", String.class)), r.get("draft_yaml", String.class), PreviewJson.events(r.get("events", String.class)),
                PreviewJson.strings(r.get("sink_ids", String.class)), instant(r, "requested_at"), r.get("requested_by", String.class),
                instant(r, "deadline"), StoredPreview.State.valueOf(r.get("state", String.class)), r.get("reason", String.class),
                Optional.ofNullable(diff).map(PreviewJson::diff), r.get("baseline_log", String.class), r.get("draft_log", String.class));
    }

    @Override
    public void insert(StoredPreview p) {
        dsl.get().execute("""
                insert into previews (id, pipeline_id, environment_id, pipeline_name, node_id, node_name, against_version, against_deployed,
                    draft_graph, draft_yaml, events, sink_ids, requested_at, requested_by, deadline, state, reason, diff, baseline_log, draft_log)
                values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                p.id(), p.pipelineId().value(), p.environmentId().value(), p.pipelineName(), p.nodeId().value(), p.nodeName(), p.againstVersion(),
                p.againstDeployed(), GraphDocument.write(p.draftGraph()), p.draftYaml(), PreviewJson.write(p.events()), PreviewJson.write(p.sinkIds()),
                utc(p.requestedAt()), p.requestedBy(), utc(p.deadline()), p.state().name(), p.reason(), p.diff().map(PreviewJson::write).orElse(null),
                p.baselineLog(), p.draftLog());
    }

    @Override
    public Optional<StoredPreview> find(String id) {
        return dsl.get().fetchOptional("select * from previews where id = ?", id).map(PostgresPreviewRepository::toPreview);
    }

    @Override
    public boolean settle(StoredPreview settled) {
        return dsl.get().execute("""
                update previews set state = ?, reason = ?, diff = ?, baseline_log = ?, draft_log = ? where id = ? and state = 'PENDING'""",
                settled.state().name(), settled.reason(), settled.diff().map(PreviewJson::write).orElse(null), settled.baselineLog(),
                settled.draftLog(), settled.id()) == 1;
    }

    @Override
    public void keepNewest(EnvironmentId environment, int count) {
        dsl.get().execute("""
                delete from previews where environment_id = ? and id not in
                    (select id from previews where environment_id = ? order by requested_at desc, id desc limit ?)""",
                environment.value(), environment.value(), count);
    }
}
