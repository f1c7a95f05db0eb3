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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

    /** Where a page starts: after the cursor's (key, id) in the order asked, its values added to {@code params}; empty on the first page. */
    private static String keyset(boolean descending, NodeListing.Sort sort, Optional<NodeListing.After> after, String key, String id,
                                 List<Object> params) {
        if (after.isEmpty()) {
            return "";
        }
        params.add(afterKey(sort, after.get().key()));
        params.add(after.get().id().value());
        return " and (" + key + ", " + id + ") " + (descending ? "<" : ">") + " (cast(? as "
                + (sort == NodeListing.Sort.LAST_SEEN ? "timestamptz" : "text") + "), ?)";
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
    private static String where(EnvironmentId environment, boolean joined, Conditions conditions, List<Object> params) {
        params.add(environment.value());
        return (joined ? " where s.environment_id = ?" : " where n.environment_id = ?") + filters("n", conditions, params);
    }

    /** What a listing keeps: the filter asked, and for the selector preview nodes outside maintenance only. */
    private record Conditions(NodeListing.Filter filter, boolean outsideMaintenance) {

        boolean labelled() {
            return !filter.labels().required().isEmpty();
        }

        /** Labels or hostname text: the filters the indexes of the orders cannot answer. */
        boolean selective() {
            return labelled() || filter.search().isPresent();
        }
    }

    /** The conditions on the node columns of {@code alias}, each starting with {@code and}. */
    private static String filters(String alias, Conditions conditions, List<Object> params) {
        StringBuilder where = new StringBuilder();
        conditions.filter().status().ifPresent(status -> {
            where.append(" and ").append(alias).append(".status = ?");
            params.add(status.name());
        });
        if (conditions.labelled()) {
            where.append(" and ").append(alias).append(".labels @> ?::jsonb");
            params.add(labels(conditions.filter().labels().required()));
        }
        conditions.filter().search().ifPresent(text -> {
            // a LIKE pattern the trigram index of changeset 017 answers; the user's text is matched literally
            where.append(" and lower(").append(alias).append(".hostname) like ? escape '!'");
            params.add("%" + likeLiteral(text.toLowerCase(Locale.ROOT)) + "%");
        });
        if (conditions.outsideMaintenance()) {
            where.append(" and not ").append(alias).append(".maintenance");
        }
        return where.toString();
    }

    /**
     * The text as a LIKE pattern matching it literally: the wildcards {@code %} and {@code _} and the escape character
     * {@code !} escaped by {@code !} (not a backslash, which plain SQL templating would read as escaping the quote).
     */
    static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /**
     * The ids of the environment's nodes that have every label of the selector, from {@code node_labels} alone (an index-only
     * range per label, merged by node id).
     */
    private static String labelledIds(EnvironmentId environment, NodeSelector selector, List<Object> params) {
        StringBuilder from = new StringBuilder(" from node_labels l0");
        List<Map.Entry<String, String>> required = List.copyOf(new TreeMap<>(selector.required().values()).entrySet());
        for (int i = 1; i < required.size(); i++) {
            from.append(" join node_labels l").append(i).append(" on l").append(i).append(".environment_id = l0.environment_id and l").append(i)
                    .append(".key = ? and l").append(i).append(".value = ? and l").append(i).append(".node_id = l0.node_id");
            params.add(required.get(i).getKey());
            params.add(required.get(i).getValue());
        }
        params.add(environment.value());
        params.add(required.getFirst().getKey());
        params.add(required.getFirst().getValue());
        return "select l0.node_id" + from + " where l0.environment_id = ? and l0.key = ? and l0.value = ?";
    }

    /**
     * The exact number of nodes a selective listing matches. Labels alone (the selector preview leaving out the nodes of the
     * maintenance index) are counted in {@code node_labels}: index-only ranges merged by node id, without a row of
     * {@code nodes}. With a status or hostname text the rows of {@code nodes} are read anyway: their bitmaps (labels by GIN,
     * text by trigrams) are read in table order, which measured faster than probing the status index once per labelled node.
     */
    private long count(EnvironmentId environment, Conditions conditions) {
        List<Object> params = new ArrayList<>();
        String sql;
        if (conditions.labelled() && conditions.filter().status().isEmpty() && conditions.filter().search().isEmpty()) {
            sql = "select count(*) from (" + labelledIds(environment, conditions.filter().labels(), params) + ") l";
            if (conditions.outsideMaintenance()) {
                sql += " where not exists (select 1 from nodes m where m.environment_id = ? and m.maintenance and m.id = l.node_id)";
                params.add(environment.value());
            }
        } else {
            params.add(environment.value());
            sql = "select count(*) from nodes n where n.environment_id = ?" + filters("n", conditions, params);
        }
        return dsl.get().fetchOne(sql, params.toArray()).get(0, Long.class);
    }

    /** How many nodes of its order a filtered page walks at most, per node it shows, before it finds its matches another way. */
    static final int WALK_PER_ROW = 30;

    /**
     * One page. Without label or text filters (the indexes answer status alone) the count is one query and the page another
     * that walks the index of its order from the cursor. With them the page first walks the order's index from the cursor
     * keeping the matches, stopping at the page's end (a label a third of the fleet has: about 300 nodes for a page of 100)
     * but after at most {@link #WALK_PER_ROW} nodes per node shown; the exact count is then its own query ({@link #count}).
     * When the walk runs out (few matches, or matches that bunch elsewhere in this order), the matches are found once
     * through the filters' indexes, counted and top-N sorted in one statement.
     */
    @Override
    public NodeListing.Page page(EnvironmentId environment, NodeListing.Request request) {
        return list(environment, new Conditions(request.filter(), false), request.sort(), request.descending(), request.after(), request.limit());
    }

    private NodeListing.Page list(EnvironmentId environment, Conditions conditions, NodeListing.Sort sort, boolean descending,
                                  Optional<NodeListing.After> after, int limit) {
        long total;
        List<Record> rows;
        if (conditions.selective()) {
            rows = walk(environment, conditions, sort, descending, after, limit, WALK_PER_ROW * (limit + 1));
            if (rows != null) {
                total = count(environment, conditions);
            } else {
                rows = sortMatches(environment, conditions, sort, descending, after, limit);
                total = rows.isEmpty() ? 0 : rows.getFirst().get("total", Long.class);
                rows = rows.stream().filter(r -> r.get("id") != null).toList();
            }
        } else {
            // the count needs no join: every node has its last-seen row
            List<Object> countParams = new ArrayList<>();
            total = dsl.get().fetchOne("select count(*) from nodes n" + where(environment, false, conditions, countParams), countParams.toArray())
                    .get(0, Long.class);
            String key = sortKey(sort);
            String direction = descending ? " desc" : "";
            List<Object> params = new ArrayList<>();
            String sql = "select " + N_COLUMNS + ", " + sortKeyText(sort) + " as sort_key" + from(sort) + where(environment, sort == NodeListing.Sort.LAST_SEEN,
                    conditions, params) + keyset(descending, sort, after, key, idColumn(sort), params) + " order by " + key + direction + ", "
                    + idColumn(sort) + direction + " limit ?";
            params.add(limit + 1);
            rows = dsl.get().fetch(sql, params.toArray());
        }
        List<Node> shown = rows.stream().limit(limit).map(PostgresNodeRepository::toNode).toList();
        Optional<NodeListing.After> next = rows.size() > limit
                ? Optional.of(new NodeListing.After(rows.get(limit - 1).get("sort_key", String.class), shown.getLast().id()))
                : Optional.empty();
        return new NodeListing.Page(shown, next, total);
    }

    /**
     * The page by walking at most {@code budget} nodes of the order from the cursor (its index, in order, stopping at the
     * page's end), or null when that many were walked without filling the page.
     */
    private List<Record> walk(EnvironmentId environment, Conditions conditions, NodeListing.Sort sort, boolean descending,
                              Optional<NodeListing.After> after, int limit, int budget) {
        String key = sortKey(sort);
        String direction = descending ? " desc" : "";
        String id = idColumn(sort);
        String order = key + direction + ", " + id + direction;
        List<Object> params = new ArrayList<>();
        // the walk numbers its nodes as it goes (row_number over the index's own order streams), so that the node where it ran
        // out comes back too when fewer than a page matched before it; the walked key stays in the database, as a never-seen
        // node's '-infinity' has no Java time
        String walked = "select " + N_COLUMNS + ", n.labels, " + sortKeyText(sort) + " as sort_key, " + key + " as k, " + id + " as kid,"
                + " row_number() over (order by " + order + ") as walked" + from(sort)
                + where(environment, sort == NodeListing.Sort.LAST_SEEN, new Conditions(NodeListing.Filter.ALL, false), params)
                + keyset(descending, sort, after, key, id, params) + " order by " + order + " limit ?";
        params.add(budget);
        List<Object> hitParams = new ArrayList<>();
        String sql = "select x." + COLUMNS.replace(", ", ", x.") + ", x.sort_key, x.walked, x.hit from (select w.*, (true"
                + filters("w", conditions, hitParams) + ") as hit from (" + walked + ") w) x where x.hit or x.walked = ? order by x.k"
                + direction + ", x.kid" + direction + " limit ?";
        params.addAll(0, hitParams);
        params.add(budget);
        params.add(limit + 1);
        List<Record> rows = dsl.get().fetch(sql, params.toArray());
        List<Record> hits = rows.stream().filter(r -> r.get("hit", Boolean.class)).toList();
        boolean ranOut = rows.stream().anyMatch(r -> r.get("walked", Long.class) == budget);
        // fewer than a page before the walk's end: the list ended inside the walk (the page is complete), or the walk ran out
        return hits.size() > limit || !ranOut ? hits : null;
    }

    /**
     * The page by finding every match once through the filters' indexes (labels by GIN, hostname text by trigrams), counted
     * ({@code total} in every row; one row without a node when nothing matches after the cursor) and top-N sorted.
     */
    private List<Record> sortMatches(EnvironmentId environment, Conditions conditions, NodeListing.Sort sort, boolean descending,
                                     Optional<NodeListing.After> after, int limit) {
        String key = sortKey(sort);
        String direction = descending ? " desc" : "";
        List<Object> params = new ArrayList<>();
        String sql = "with m as materialized (select n.id, " + key + " as k" + from(sort) + where(environment, sort == NodeListing.Sort.LAST_SEEN,
                conditions, params) + ")" + " select c.total, " + N_COLUMNS + ", " + sortKeyText(sort).replace("s.seen_at", "p.k") + " as sort_key"
                + " from (select count(*) as total from m) c left join (select id, k from m where true"
                + keyset(descending, sort, after, "m.k", "m.id", params) + " order by m.k" + direction + ", m.id" + direction
                + " limit ?) p on true left join nodes n on n.id = p.id order by p.k" + direction + ", p.id" + direction;
        params.add(limit + 1);
        return dsl.get().fetch(sql, params.toArray());
    }

    @Override
    public NodeListing.Page matching(EnvironmentId environment, NodeSelector selector, int limit) {
        NodeListing.Page page = list(environment, new Conditions(new NodeListing.Filter(Optional.empty(), selector, Optional.empty()), true),
                NodeListing.Sort.NAME, false, Optional.empty(), limit);
        return new NodeListing.Page(page.nodes(), Optional.empty(), page.total());
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
    public List<StatusTransition> markUnreachable(Instant silentSince, Instant now, String reason, int limit) {
        return dsl.get().fetch("""
                with silent as (
                    select id, status from nodes
                    where status <> 'UNREACHABLE' and (last_heartbeat_at is null or last_heartbeat_at < ?)
                    limit ? for update skip locked),
                changed as (
                    update nodes n set status = 'UNREACHABLE', status_reason = ? from silent s where n.id = s.id
                    returning n.id, s.status as from_status),
                logged as (
                    insert into node_status_transitions (node_id, from_status, to_status, reason, at)
                    select id, from_status, 'UNREACHABLE', ?, ? from changed)
                select id, from_status from changed""", utc(silentSince), limit, reason, reason, utc(now))
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
