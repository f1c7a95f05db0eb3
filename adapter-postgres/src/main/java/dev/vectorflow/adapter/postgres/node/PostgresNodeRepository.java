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

/** {@link NodeRepository} on {@code nodes}, {@code node_last_seen} and {@code node_status_transitions}. */
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
        // the heartbeat writer keeps this row in step with nodes.last_heartbeat_at; a new node starts it
        dsl.get().execute("insert into node_last_seen (node_id, environment_id, seen_at) values (?, ?, coalesce(cast(? as timestamptz), '-infinity'::timestamptz))",
                n.id().value(), n.environmentId().value(), utc(n.lastHeartbeatAt().orElse(null)));
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

    /** The node columns qualified by the alias {@code n} (listings join other tables). */
    private static final String N_COLUMNS = "n." + COLUMNS.replace(", ", ", n.");

    /**
     * The sort key of each order as SQL, matching the indexes of changeset 016: the last-seen order reads {@code node_last_seen}
     * (alias {@code s}, '-infinity' for never), the agent-version order the stored {@code agent_version_key}.
     */
    private static String sortKey(NodeListing.Sort sort) {
        return switch (sort) {
            case NAME -> "(lower(n.hostname) collate \"C\")";
            case STATUS -> "n.status";
            case LAST_SEEN -> "s.seen_at";
            case AGENT_VERSION -> "(n.agent_version_key collate \"C\")";
        };
    }

    /** The sort key as the text a page's end carries: last-seen times as ISO-8601 UTC instants, or {@code -infinity} for never. */
    private static String sortKeyText(NodeListing.Sort sort) {
        return sort == NodeListing.Sort.LAST_SEEN
                ? "case when s.seen_at = '-infinity' then '-infinity' else to_char(s.seen_at at time zone 'UTC',"
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

    /** Where a page starts: after the cursor's (key, id) in the order asked; empty on the first page. */
    private static String keyset(NodeListing.Request request, String key, String id) {
        return request.after().isEmpty() ? "" : " and (" + key + ", " + id + ") " + (request.descending() ? "<" : ">") + " (cast(? as "
                + (request.sort() == NodeListing.Sort.LAST_SEEN ? "timestamptz" : "text") + "), ?)";
    }

    /** The nodes a listing reads: {@code nodes n}, joined with their last-seen row when sorted by it. */
    private static String from(NodeListing.Sort sort) {
        return sort == NodeListing.Sort.LAST_SEEN ? " from nodes n join node_last_seen s on s.node_id = n.id" : " from nodes n";
    }

    /** The id a listing's order ends with: {@code node_last_seen}'s when sorted by last seen, so that its index gives the order. */
    private static String idColumn(NodeListing.Sort sort) {
        return sort == NodeListing.Sort.LAST_SEEN ? "s.node_id" : "n.id";
    }

    /**
     * The where clause of a listing, its parameters added to {@code params}; {@code joined} when {@code node_last_seen s} is
     * joined, whose environment column its index starts with.
     */
    private static String where(EnvironmentId environment, boolean joined, NodeListing.Filter filter, List<Object> params) {
        StringBuilder where = new StringBuilder(joined ? " where s.environment_id = ?" : " where n.environment_id = ?");
        params.add(environment.value());
        filter.status().ifPresent(status -> {
            where.append(" and n.status = ?");
            params.add(status.name());
        });
        if (!filter.labels().required().isEmpty()) {
            where.append(" and n.labels @> ?::jsonb");
            params.add(labels(filter.labels().required()));
        }
        filter.search().ifPresent(text -> {
            where.append(" and strpos(lower(n.hostname), ?) > 0");
            params.add(text.toLowerCase(Locale.ROOT));
        });
        return where.toString();
    }

    /**
     * One page. Without label or text filters (the indexes answer status alone) the count is one query and the page another
     * that walks the index of its order from the cursor. With them, the matching nodes are found once (labels through their
     * GIN index), counted and sorted, so the count and the page do not each read every match, nor the page walk the order's
     * index past every node the filters drop.
     */
    @Override
    public NodeListing.Page page(EnvironmentId environment, NodeListing.Request request) {
        NodeListing.Sort sort = request.sort();
        String key = sortKey(sort);
        String direction = request.descending() ? " desc" : "";
        String id = idColumn(sort);
        boolean joined = sort == NodeListing.Sort.LAST_SEEN;
        List<Object> params = new ArrayList<>();
        boolean selective = !request.filter().labels().required().isEmpty() || request.filter().search().isPresent();
        String sql;
        long total = -1;
        if (selective) {
            sql = "with m as materialized (select n.id, " + key + " as k" + from(sort) + where(environment, joined, request.filter(), params) + ")"
                    + " select c.total, " + N_COLUMNS + ", " + sortKeyText(sort).replace("s.seen_at", "p.k") + " as sort_key"
                    + " from (select count(*) as total from m) c left join (select id, k from m where true" + keyset(request, "m.k", "m.id")
                    + " order by m.k" + direction + ", m.id" + direction + " limit ?) p on true left join nodes n on n.id = p.id"
                    + " order by p.k" + direction + ", p.id" + direction;
        } else {
            // the count needs no join: every node has its last-seen row
            List<Object> countParams = new ArrayList<>();
            total = dsl.get().fetchOne("select count(*) from nodes n" + where(environment, false, request.filter(), countParams),
                    countParams.toArray()).get(0, Long.class);
            sql = "select " + N_COLUMNS + ", " + sortKeyText(sort) + " as sort_key" + from(sort) + where(environment, joined, request.filter(), params)
                    + keyset(request, key, id) + " order by " + key + direction + ", " + id + direction + " limit ?";
        }
        request.after().ifPresent(after -> {
            params.add(afterKey(sort, after.key()));
            params.add(after.id().value());
        });
        params.add(request.limit() + 1);
        List<Record> rows = dsl.get().fetch(sql, params.toArray());
        if (selective) {
            total = rows.isEmpty() ? 0 : rows.getFirst().get("total", Long.class);
            rows = rows.stream().filter(r -> r.get("id") != null).toList();
        }
        List<Node> shown = rows.stream().limit(request.limit()).map(PostgresNodeRepository::toNode).toList();
        Optional<NodeListing.After> next = rows.size() > request.limit()
                ? Optional.of(new NodeListing.After(rows.get(request.limit() - 1).get("sort_key", String.class), shown.getLast().id()))
                : Optional.empty();
        return new NodeListing.Page(shown, next, total);
    }

    @Override
    public NodeListing.Page matching(EnvironmentId environment, NodeSelector selector, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(environment, false, new NodeListing.Filter(Optional.empty(), selector, Optional.empty()), params)
                + " and not n.maintenance";
        long total = dsl.get().fetchOne("select count(*) from nodes n" + where, params.toArray()).get(0, Long.class);
        params.add(limit);
        List<Node> first = dsl.get().fetch("select " + N_COLUMNS + " from nodes n" + where + " order by " + sortKey(NodeListing.Sort.NAME)
                + ", n.id limit ?", params.toArray()).map(PostgresNodeRepository::toNode);
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
