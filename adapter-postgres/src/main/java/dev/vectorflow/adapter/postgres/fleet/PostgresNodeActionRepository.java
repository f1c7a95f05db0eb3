package dev.vectorflow.adapter.postgres.fleet;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.protocol.PendingAction;
import dev.vectorflow.ports.out.fleet.NodeActionRepository;
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

    private final Supplier<DSLContext> dsl;

    public PostgresNodeActionRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static PendingAction toAction(Record r) {
        String keys = r.get("component_keys", String.class);
        return new PendingAction(r.get("id", String.class), r.get("type", String.class), r.get("pipeline_id", String.class), null, null,
                r.get("checksum", String.class), r.get("target_version", String.class), r.get("download_url", String.class),
                r.get("signature", String.class), r.get("request_id", String.class),
                keys == null ? null : keys.isEmpty() ? List.of() : Arrays.asList(keys.split(",")), r.get("sample_limit", Integer.class));
    }

    @Override
    public void insert(NodeId node, PendingAction a, Instant createdAt, String createdBy) {
        dsl.get().execute("insert into node_actions (" + COLUMNS + ", created_at, created_by) values (?,?,?,?,?,?,?,?,?,?,?,?,?)", a.id(),
                node.value(), a.type(), a.pipelineId(), a.requestId(), a.componentKeys() == null ? null : String.join(",", a.componentKeys()),
                a.limit(), a.targetVersion(), a.downloadUrl(), a.checksum(), a.signature(), utc(createdAt), createdBy);
    }

    @Override
    public Map<NodeId, List<PendingAction>> allPending() {
        Map<NodeId, List<PendingAction>> pending = new HashMap<>();
        for (Record r : dsl.get().fetch("select " + COLUMNS + " from node_actions where settled_at is null order by created_at, id")) {
            pending.computeIfAbsent(new NodeId(r.get("node_id", UUID.class)), n -> new ArrayList<>()).add(toAction(r));
        }
        return pending;
    }

    @Override
    public List<PendingAction> pending(NodeId node) {
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
