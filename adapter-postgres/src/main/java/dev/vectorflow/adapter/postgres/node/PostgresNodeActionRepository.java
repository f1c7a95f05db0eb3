package dev.vectorflow.adapter.postgres.node;

import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link NodeActionRepository} on {@code node_actions}. */
public final class PostgresNodeActionRepository implements NodeActionRepository {

    private static final String COLUMNS = "id, node_id, type, pipeline_id, request_id, component_keys, sample_limit, target_version,"
            + " download_url, checksum, signature";
    /** The stored {@code type} of each kind of one-shot action (the protocol's action types). */
    static final String RESTART = "restart";
    static final String SAMPLE = "sample";
    static final String UPDATE = "update";
    static final String PREVIEW = "preview";

    private final Supplier<DSLContext> dsl;

    public PostgresNodeActionRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static OneShotAction toAction(Record r) {
        String id = r.get("id", String.class);
        String type = r.get("type", String.class);
        return switch (type) {
            case RESTART -> new OneShotAction.Restart(id, pipelineId(r));
            case SAMPLE -> {
                String keys = r.get("component_keys", String.class);
                Integer limit = r.get("sample_limit", Integer.class);
                yield new OneShotAction.Sample(id, r.get("request_id", String.class), pipelineId(r),
                        keys == null || keys.isEmpty() ? List.of() : Arrays.asList(keys.split(",")), limit == null ? 0 : limit);
            }
            case PREVIEW -> new OneShotAction.Preview(id, r.get("request_id", String.class), pipelineId(r));
            case UPDATE -> new OneShotAction.Update(id, r.get("target_version", String.class), r.get("download_url", String.class),
                    r.get("checksum", String.class), r.get("signature", String.class));
            default -> throw new IllegalStateException("node action " + id + " has an unknown type '" + type + "'");
        };
    }

    private static PipelineId pipelineId(Record r) {
        return new PipelineId(UUID.fromString(r.get("pipeline_id", String.class)));
    }

    @Override
    public void insert(NodeId node, OneShotAction action, Instant createdAt, String createdBy) {
        String insert = "insert into node_actions (" + COLUMNS + ", created_at, created_by) values (?,?,?,?,?,?,?,?,?,?,?,?,?)";
        switch (action) {
            case OneShotAction.Restart a -> dsl.get().execute(insert, a.id(), node.value(), RESTART, a.pipelineId().toString(), null, null,
                    null, null, null, null, null, utc(createdAt), createdBy);
            case OneShotAction.Sample a -> dsl.get().execute(insert, a.id(), node.value(), SAMPLE, a.pipelineId().toString(), a.requestId(),
                    String.join(",", a.componentKeys()), a.limit(), null, null, null, null, utc(createdAt), createdBy);
            case OneShotAction.Preview a -> dsl.get().execute(insert, a.id(), node.value(), PREVIEW, a.pipelineId().toString(), a.requestId(),
                    null, null, null, null, null, null, utc(createdAt), createdBy);
            case OneShotAction.Update a -> dsl.get().execute(insert, a.id(), node.value(), UPDATE, null, null, null, null, a.targetVersion(),
                    a.downloadUrl(), a.checksum(), a.signature(), utc(createdAt), createdBy);
        }
    }

    @Override
    public Map<NodeId, List<OneShotAction>> allPending() {
        Map<NodeId, List<OneShotAction>> pending = new HashMap<>();
        for (Record r : dsl.get().fetch("select " + COLUMNS + " from node_actions where settled_at is null order by created_at, id")) {
            pending.computeIfAbsent(new NodeId(r.get("node_id", UUID.class)), n -> new ArrayList<>()).add(toAction(r));
        }
        return pending;
    }

    @Override
    public List<OneShotAction> pending(NodeId node) {
        return dsl.get().fetch("select " + COLUMNS + " from node_actions where node_id = ? and settled_at is null order by created_at, id",
                node.value()).map(PostgresNodeActionRepository::toAction);
    }

    @Override
    public boolean exists(NodeId node, String requestId) {
        return dsl.get().fetchExists(dsl.get().selectOne().from("node_actions").where("node_id = ? and request_id = ?", node.value(), requestId));
    }

    @Override
    public List<StoredAction> recent(NodeId node, int limit) {
        return dsl.get().fetch("select " + COLUMNS + ", created_at, created_by, settled_at, result_status, result_message from node_actions"
                        + " where node_id = ? order by created_at desc, id desc limit ?", node.value(), limit)
                .map(r -> new StoredAction(toAction(r), FleetRows.instant(r, "created_at"), r.get("created_by", String.class),
                        FleetRows.optionalInstant(r, "settled_at"), Optional.ofNullable(r.get("result_status", String.class)),
                        Optional.ofNullable(r.get("result_message", String.class)).orElse("")));
    }
}
