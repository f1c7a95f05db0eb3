package dev.vectorflow.adapter.postgres.node;

import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.labels;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.ports.out.node.NodeListing;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.core.validation.InvalidValueException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link NodeRepository} on {@code nodes} and {@code node_status_transitions}. */
public final class PostgresNodeRepository implements NodeRepository {

    private static final String COLUMNS = "id, environment_id, hostname, os, agent_version, vector_version, deployment_mode, agent_labels,"
            + " user_labels, maintenance, status, status_reason, enrolled_at, last_heartbeat_at, token_revoked, update_error";

    private final Supplier<DSLContext> dsl;

    public PostgresNodeRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    static Node toNode(Record r) {
        return new Node(new NodeId(r.get("id", UUID.class)), new EnvironmentId(r.get("environment_id", UUID.class)),
                r.get("hostname", String.class), r.get("os", String.class), r.get("agent_version", String.class),
                r.get("vector_version", String.class), r.get("deployment_mode", String.class), labels(r.get("agent_labels", String.class)),
                labels(r.get("user_labels", String.class)), r.get("maintenance", Boolean.class),
                NodeStatus.valueOf(r.get("status", String.class)), r.get("status_reason", String.class), instant(r, "enrolled_at"),
                FleetRows.optionalInstant(r, "last_heartbeat_at"), r.get("token_revoked", Boolean.class), r.get("update_error", String.class));
    }

    @Override
    public void insert(Node n, String tokenLookup, String tokenHash) {
        dsl.get().execute("insert into nodes (" + COLUMNS + ", token_lookup, token_hash) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                n.id().value(), n.environmentId().value(), n.hostname(), n.os(), n.agentVersion(), n.vectorVersion(), n.deploymentMode(),
                labels(n.agentLabels()), labels(n.userLabels()), n.maintenance(), n.status().name(), n.statusReason(), utc(n.enrolledAt()),
                utc(n.lastHeartbeatAt().orElse(null)), n.tokenRevoked(), n.updateError(), tokenLookup, tokenHash);
        dsl.get().execute("insert into node_agent_versions (node_id, agent_version, previous_version, at) values (?, ?, null, ?)",
                n.id().value(), n.agentVersion(), utc(n.enrolledAt()));
    }

    @Override
    public Optional<Node> findById(NodeId id) {
        return dsl.get().fetchOptional("select " + COLUMNS + " from nodes where id = ?", id.value()).map(PostgresNodeRepository::toNode);
    }

    @Override
    public Optional<NodeCredential> credentialByLookup(String tokenLookup) {
        return dsl.get().fetchOptional("select id, environment_id, token_lookup, token_hash, token_revoked from nodes where token_lookup = ?",
                tokenLookup).map(r -> new NodeCredential(new NodeId(r.get("id", UUID.class)),
                new EnvironmentId(r.get("environment_id", UUID.class)), r.get("token_lookup", String.class), r.get("token_hash", String.class),
                r.get("token_revoked", Boolean.class)));
    }

    @Override
    public List<NodeCredential> allCredentials() {
        return dsl.get().fetch("select id, environment_id, token_lookup, token_hash, token_revoked from nodes").map(r -> new NodeCredential(
                new NodeId(r.get("id", UUID.class)), new EnvironmentId(r.get("environment_id", UUID.class)), r.get("token_lookup", String.class),
                r.get("token_hash", String.class), r.get("token_revoked", Boolean.class)));
    }

    @Override
    public List<Node> findByEnvironment(EnvironmentId environment) {
        return dsl.get().fetch("select " + COLUMNS + " from nodes where environment_id = ? order by lower(hostname), id", environment.value())
                .map(PostgresNodeRepository::toNode);
    }

    /** The sort key of each order as SQL, matching the indexes of changeset 012, and the type its text form casts back to. */
    private static String sortKey(NodeListing.Sort sort) {
        return switch (sort) {
            case NAME -> "(lower(hostname) collate \"C\")";
            case STATUS -> "status";
            case LAST_SEEN -> "coalesce(last_heartbeat_at, '-infinity'::timestamptz)";
            case AGENT_VERSION -> "(agent_version collate \"C\")";
        };
    }

    /** The sort key as the text a page's end carries: last-seen times as ISO-8601 UTC instants, or {@code -infinity} for never. */
    private static String sortKeyText(NodeListing.Sort sort) {
        return sort == NodeListing.Sort.LAST_SEEN
                ? "case when last_heartbeat_at is null then '-infinity' else to_char(last_heartbeat_at at time zone 'UTC',"
                        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') end"
                : sortKey(sort) + "::text";
    }

    /** The value a page's end compares with, in the type of the sort key; a key no page gave is refused. */
    private static Object afterKey(NodeListing.Sort sort, String key) {
        if (sort != NodeListing.Sort.LAST_SEEN || key.equals("-infinity")) {
            return key;
        }
        try {
            return Instant.parse(key).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("cursor", "is not a cursor this list gave (pass nextCursor back unchanged)");
        }
    }

    /** The where clause of a listing, its parameters added to {@code params}. */
    private static String where(EnvironmentId environment, NodeListing.Filter filter, List<Object> params) {
        StringBuilder where = new StringBuilder(" where environment_id = ?");
        params.add(environment.value());
        filter.status().ifPresent(status -> {
            where.append(" and status = ?");
            params.add(status.name());
        });
        if (!filter.labels().required().isEmpty()) {
            where.append(" and (agent_labels::jsonb || user_labels::jsonb) @> ?::jsonb");
            params.add(labels(filter.labels().required()));
        }
        filter.search().ifPresent(text -> {
            where.append(" and strpos(lower(hostname), ?) > 0");
            params.add(text.toLowerCase(Locale.ROOT));
        });
        return where.toString();
    }

    @Override
    public NodeListing.Page page(EnvironmentId environment, NodeListing.Request request) {
        List<Object> params = new ArrayList<>();
        String where = where(environment, request.filter(), params);
        long total = dsl.get().fetchOne("select count(*) from nodes" + where, params.toArray()).get(0, Long.class);
        String key = sortKey(request.sort());
        String direction = request.descending() ? " desc" : "";
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(", ").append(sortKeyText(request.sort()))
                .append(" as sort_key from nodes").append(where);
        request.after().ifPresent(after -> {
            sql.append(" and (").append(key).append(", id) ").append(request.descending() ? "<" : ">").append(" (cast(? as ")
                    .append(request.sort() == NodeListing.Sort.LAST_SEEN ? "timestamptz" : "text").append("), ?)");
            params.add(afterKey(request.sort(), after.key()));
            params.add(after.id().value());
        });
        sql.append(" order by ").append(key).append(direction).append(", id").append(direction).append(" limit ?");
        params.add(request.limit() + 1);
        List<Record> rows = dsl.get().fetch(sql.toString(), params.toArray());
        List<Node> shown = rows.stream().limit(request.limit()).map(PostgresNodeRepository::toNode).toList();
        Optional<NodeListing.After> next = rows.size() > request.limit()
                ? Optional.of(new NodeListing.After(rows.get(request.limit() - 1).get("sort_key", String.class), shown.getLast().id()))
                : Optional.empty();
        return new NodeListing.Page(shown, next, total);
    }

    @Override
    public NodeListing.Page matching(EnvironmentId environment, NodeSelector selector, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(environment, new NodeListing.Filter(Optional.empty(), selector, Optional.empty()), params)
                + " and not maintenance";
        long total = dsl.get().fetchOne("select count(*) from nodes" + where, params.toArray()).get(0, Long.class);
        params.add(limit);
        List<Node> first = dsl.get().fetch("select " + COLUMNS + " from nodes" + where + " order by " + sortKey(NodeListing.Sort.NAME)
                + ", id limit ?", params.toArray()).map(PostgresNodeRepository::toNode);
        return new NodeListing.Page(first, Optional.empty(), total);
    }

    @Override
    public List<Node> findAll() {
        return dsl.get().fetch("select " + COLUMNS + " from nodes order by lower(hostname), id").map(PostgresNodeRepository::toNode);
    }

    @Override
    public void updateUserLabels(NodeId id, Labels labels) {
        dsl.get().execute("update nodes set user_labels = ? where id = ?", labels(labels), id.value());
    }

    @Override
    public void updateMaintenance(NodeId id, boolean maintenance) {
        dsl.get().execute("update nodes set maintenance = ? where id = ?", maintenance, id.value());
    }

    @Override
    public void replaceToken(NodeId id, String tokenLookup, String tokenHash, Labels agentLabels, String hostname, String os,
                             String agentVersion, String vectorVersion, Instant at) {
        dsl.get().execute("""
                with before as (select id, agent_version from nodes where id = ? for update),
                changed as (
                    update nodes n set token_lookup = ?, token_hash = ?, token_revoked = false, agent_labels = ?, hostname = ?, os = ?,
                        agent_version = ?, vector_version = ? from before b where n.id = b.id
                    returning n.id, b.agent_version as previous)
                insert into node_agent_versions (node_id, agent_version, previous_version, at)
                select id, ?, previous, ? from changed where previous is distinct from ?""",
                id.value(), tokenLookup, tokenHash, labels(agentLabels), hostname, os, agentVersion, vectorVersion, agentVersion, utc(at),
                agentVersion);
    }

    @Override
    public void revokeToken(NodeId id) {
        dsl.get().execute("update nodes set token_revoked = true where id = ?", id.value());
    }

    @Override
    public boolean delete(NodeId id) {
        return dsl.get().execute("delete from nodes where id = ?", id.value()) > 0;
    }

    @Override
    public void recordTransition(StatusTransition t) {
        dsl.get().execute("insert into node_status_transitions (node_id, from_status, to_status, reason, at) values (?,?,?,?,?)",
                t.nodeId().value(), t.from() == null ? null : t.from().name(), t.to().name(), t.reason(), utc(t.at()));
    }

    @Override
    public List<StatusTransition> markUnreachable(Instant silentSince, Instant now, String reason) {
        return dsl.get().fetch("""
                with silent as (
                    select id, status from nodes
                    where status <> 'UNREACHABLE' and (last_heartbeat_at is null or last_heartbeat_at < ?)
                    for update skip locked),
                changed as (
                    update nodes n set status = 'UNREACHABLE', status_reason = ? from silent s where n.id = s.id
                    returning n.id, s.status as from_status),
                logged as (
                    insert into node_status_transitions (node_id, from_status, to_status, reason, at)
                    select id, from_status, 'UNREACHABLE', ?, ? from changed)
                select id, from_status from changed""", utc(silentSince), reason, reason, utc(now))
                .map(r -> new StatusTransition(new NodeId(r.get("id", UUID.class)), NodeStatus.valueOf(r.get("from_status", String.class)),
                        NodeStatus.UNREACHABLE, reason, now));
    }

    @Override
    public List<StatusTransition> transitions(NodeId id, int limit) {
        return dsl.get().fetch("select from_status, to_status, reason, at from node_status_transitions where node_id = ? order by id desc limit ?",
                id.value(), limit).map(r -> new StatusTransition(id,
                r.get("from_status", String.class) == null ? null : NodeStatus.valueOf(r.get("from_status", String.class)),
                NodeStatus.valueOf(r.get("to_status", String.class)), r.get("reason", String.class), instant(r, "at")));
    }
}
