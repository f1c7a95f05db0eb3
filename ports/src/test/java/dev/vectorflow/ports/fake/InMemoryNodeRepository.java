package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.AgentVersionBaseline;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.node.NodeListing;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Fake of {@link NodeRepository} over maps. */
public final class InMemoryNodeRepository implements NodeRepository, InMemoryTransactions.Participant {

    private record Stored(Node node, String tokenLookup, String tokenHash) {
    }

    private record State(Map<NodeId, Stored> nodes, List<StatusTransition> transitions, List<VersionRow> versions) {
    }

    /** A change of a node's agent version (its history starts at enrollment). */
    private record VersionRow(NodeId node, String version, Optional<String> previous, Instant at) {
    }

    private static final Comparator<Node> BY_HOSTNAME = Comparator.comparing((Node n) -> n.hostname().toLowerCase(Locale.ROOT))
            .thenComparing(n -> n.id().toString());

    private Map<NodeId, Stored> nodes = new LinkedHashMap<>();
    private List<StatusTransition> transitions = new ArrayList<>();
    private List<VersionRow> versions = new ArrayList<>();

    @Override
    public void insert(Node node, String tokenLookup, String tokenHash) {
        if (nodes.containsKey(node.id()) || credentialByLookup(tokenLookup).isPresent()) {
            throw new UniqueViolation("node or token lookup exists", null);
        }
        nodes.put(node.id(), new Stored(node, tokenLookup, tokenHash));
        versions.add(new VersionRow(node.id(), node.agentVersion(), Optional.empty(), node.enrolledAt()));
    }

    private void versionChanged(NodeId id, String previous, String version, Instant at) {
        if (!Objects.equals(previous, version)) {
            versions.add(new VersionRow(id, version, Optional.ofNullable(previous), at));
        }
    }

    /** Forgets status transitions before {@code before} and all but the newest {@code versionsKept} version changes of each node. */
    public int enforceRetention(Instant before, int versionsKept) {
        int count = transitions.size() + versions.size();
        transitions.removeIf(t -> t.at().isBefore(before));
        Map<NodeId, Integer> kept = new java.util.HashMap<>();
        List<VersionRow> newestFirst = new ArrayList<>(versions.reversed());
        newestFirst.removeIf(v -> kept.merge(v.node(), 1, Integer::sum) > versionsKept);
        versions = new ArrayList<>(newestFirst.reversed());
        return count - transitions.size() - versions.size();
    }

    /** The node's agent version changes, newest first (what the fleet overview reads). */
    public List<FleetOverviewRepository.VersionChange> agentVersions(NodeId id, int limit) {
        return versions.reversed().stream().filter(v -> v.node().equals(id)).limit(limit)
                .map(v -> new FleetOverviewRepository.VersionChange(v.version(), v.previous(), v.at())).toList();
    }

    /**
     * What a heartbeat writes on the node's row, as the database does: a transition where the status differs, and the
     * time, status and reason unless a later heartbeat was written already.
     */
    public void heartbeat(NodeId id, Instant at, NodeStatus status, String reason) {
        Stored s = nodes.get(id);
        if (s == null) {
            return;
        }
        Node n = s.node();
        if (n.status() != status) {
            transitions.add(new StatusTransition(id, n.status(), status, reason, at));
        }
        if (n.lastHeartbeatAt().isEmpty() || !n.lastHeartbeatAt().get().isAfter(at)) {
            change(id, old -> new Node(old.id(), old.environmentId(), old.hostname(), old.os(), old.agentVersion(), old.vectorVersion(),
                    old.deploymentMode(), old.agentLabels(), old.userLabels(), old.maintenance(), status, reason, old.enrolledAt(),
                    Optional.of(at), old.tokenRevoked(), old.updateError()));
        }
    }

    /** The facts a node reported about itself; a different agent version joins its history. */
    public void facts(NodeId id, HeartbeatWrite.NodeFacts f, Instant at) {
        Stored s = nodes.get(id);
        if (s == null) {
            return;
        }
        versionChanged(id, s.node().agentVersion(), f.agentVersion(), at);
        change(id, old -> new Node(old.id(), old.environmentId(), old.hostname(), old.os(), f.agentVersion(), f.vectorVersion(),
                f.deploymentMode(), f.agentLabels(), old.userLabels(), old.maintenance(), old.status(), old.statusReason(), old.enrolledAt(),
                old.lastHeartbeatAt(), old.tokenRevoked(), f.updateError()));
    }

    @Override
    public Optional<Node> findById(NodeId id) {
        return Optional.ofNullable(nodes.get(id)).map(Stored::node);
    }

    @Override
    public Optional<NodeCredential> credentialByLookup(String tokenLookup) {
        return nodes.values().stream().filter(s -> s.tokenLookup().equals(tokenLookup)).findFirst().map(InMemoryNodeRepository::credential);
    }

    private static NodeCredential credential(Stored s) {
        return new NodeCredential(s.node().id(), s.node().environmentId(), s.tokenLookup(), s.tokenHash(), s.node().tokenRevoked());
    }

    @Override
    public List<NodeCredential> allCredentials() {
        return nodes.values().stream().map(InMemoryNodeRepository::credential).toList();
    }

    @Override
    public List<Node> findByEnvironment(EnvironmentId environment) {
        return nodes.values().stream().map(Stored::node).filter(n -> n.environmentId().equals(environment)).sorted(BY_HOSTNAME).toList();
    }

    /** A node's sort key: comparable, and as text for the page's end. */
    private static Comparable<?> sortKey(NodeListing.Sort sort, Node n) {
        return switch (sort) {
            case NAME -> n.hostname().toLowerCase(Locale.ROOT);
            case STATUS -> n.status().name();
            case LAST_SEEN -> n.lastHeartbeatAt().orElse(Instant.MIN);
            case AGENT_VERSION -> AgentVersionBaseline.sortKey(n.agentVersion());
        };
    }

    private static Comparable<?> parsedKey(NodeListing.Sort sort, String text) {
        if (sort != NodeListing.Sort.LAST_SEEN) {
            return text;
        }
        return text.equals("-infinity") ? Instant.MIN : Instant.parse(text);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable<?> a, String aId, Comparable<?> b, String bId) {
        int byKey = ((Comparable) a).compareTo(b);
        return byKey != 0 ? byKey : aId.compareTo(bId);
    }

    private List<Node> filtered(EnvironmentId environment, NodeListing.Filter filter) {
        Optional<String> search = filter.search().map(t -> t.toLowerCase(Locale.ROOT));
        return findByEnvironment(environment).stream()
                .filter(n -> filter.status().map(s -> s == n.status()).orElse(true))
                .filter(n -> filter.labels().matches(n.labels()))
                .filter(n -> search.map(t -> n.hostname().toLowerCase(Locale.ROOT).contains(t)).orElse(true))
                .toList();
    }

    @Override
    public NodeListing.Page page(EnvironmentId environment, NodeListing.Request request) {
        List<Node> matching = filtered(environment, request.filter());
        int sign = request.descending() ? -1 : 1;
        NodeListing.Sort sort = request.sort();
        List<Node> after = matching.stream()
                .filter(n -> request.after().map(a -> sign * compare(sortKey(sort, n), n.id().toString(), parsedKey(sort, a.key()),
                        a.id().toString()) > 0).orElse(true))
                .sorted((x, y) -> sign * compare(sortKey(sort, x), x.id().toString(), sortKey(sort, y), y.id().toString()))
                .toList();
        List<Node> shown = after.stream().limit(request.limit()).toList();
        Optional<NodeListing.After> next = after.size() > request.limit()
                ? Optional.of(new NodeListing.After(sortKey(sort, shown.getLast()) instanceof Instant at && at.equals(Instant.MIN) ? "-infinity"
                        : sortKey(sort, shown.getLast()).toString(), shown.getLast().id()))
                : Optional.empty();
        return new NodeListing.Page(shown, next, matching.size());
    }

    @Override
    public NodeListing.Page matching(EnvironmentId environment, NodeSelector selector, int limit) {
        List<Node> matching = filtered(environment, new NodeListing.Filter(Optional.empty(), selector, Optional.empty())).stream()
                .filter(n -> !n.maintenance()).toList();
        return new NodeListing.Page(matching.stream().limit(limit).toList(), Optional.empty(), matching.size());
    }

    @Override
    public List<Node> findAll() {
        return nodes.values().stream().map(Stored::node).sorted(BY_HOSTNAME).toList();
    }

    private void change(NodeId id, UnaryOperator<Node> change) {
        Stored s = nodes.get(id);
        if (s != null) {
            nodes.put(id, new Stored(change.apply(s.node()), s.tokenLookup(), s.tokenHash()));
        }
    }

    @Override
    public void updateUserLabels(NodeId id, Labels labels) {
        change(id, n -> n.withUserLabels(labels));
    }

    @Override
    public void updateMaintenance(NodeId id, boolean maintenance) {
        change(id, n -> n.withMaintenance(maintenance));
    }

    @Override
    public void replaceToken(NodeId id, String tokenLookup, String tokenHash, Labels agentLabels, String hostname, String os,
                             String agentVersion, String vectorVersion, Instant at) {
        Stored s = nodes.get(id);
        if (s != null) {
            Node n = s.node();
            versionChanged(id, n.agentVersion(), agentVersion, at);
            nodes.put(id, new Stored(new Node(n.id(), n.environmentId(), hostname, os, agentVersion, vectorVersion, n.deploymentMode(),
                    agentLabels, n.userLabels(), n.maintenance(), n.status(), n.statusReason(), n.enrolledAt(), n.lastHeartbeatAt(), false,
                    n.updateError()), tokenLookup, tokenHash));
        }
    }

    @Override
    public void revokeToken(NodeId id) {
        change(id, n -> new Node(n.id(), n.environmentId(), n.hostname(), n.os(), n.agentVersion(), n.vectorVersion(), n.deploymentMode(),
                n.agentLabels(), n.userLabels(), n.maintenance(), n.status(), n.statusReason(), n.enrolledAt(), n.lastHeartbeatAt(), true,
                n.updateError()));
    }

    @Override
    public boolean delete(NodeId id) {
        transitions.removeIf(t -> t.nodeId().equals(id));
        versions.removeIf(v -> v.node().equals(id));
        return nodes.remove(id) != null;
    }

    @Override
    public void recordTransition(StatusTransition transition) {
        transitions.add(transition);
    }

    @Override
    public List<StatusTransition> markUnreachable(Instant silentSince, Instant now, String reason, int limit) {
        List<StatusTransition> made = new ArrayList<>();
        for (Stored s : List.copyOf(nodes.values())) {
            Node n = s.node();
            if (made.size() < limit && n.status() != NodeStatus.UNREACHABLE && (n.lastHeartbeatAt().isEmpty() || n.lastHeartbeatAt().get().isBefore(silentSince))) {
                StatusTransition t = new StatusTransition(n.id(), n.status(), NodeStatus.UNREACHABLE, reason, now);
                made.add(t);
                transitions.add(t);
                change(n.id(), old -> new Node(old.id(), old.environmentId(), old.hostname(), old.os(), old.agentVersion(),
                        old.vectorVersion(), old.deploymentMode(), old.agentLabels(), old.userLabels(), old.maintenance(),
                        NodeStatus.UNREACHABLE, reason, old.enrolledAt(), old.lastHeartbeatAt(), old.tokenRevoked(), old.updateError()));
            }
        }
        return made;
    }

    @Override
    public List<StatusTransition> transitions(NodeId id, int limit) {
        List<StatusTransition> of = new ArrayList<>(transitions.stream().filter(t -> t.nodeId().equals(id)).toList());
        Collections.reverse(of);
        return of.subList(0, Math.min(limit, of.size()));
    }

    @Override
    public Object snapshot() {
        return new State(new LinkedHashMap<>(nodes), new ArrayList<>(transitions), new ArrayList<>(versions));
    }

    @Override
    public void restore(Object snapshot) {
        State state = (State) snapshot;
        nodes = new LinkedHashMap<>(state.nodes());
        transitions = new ArrayList<>(state.transitions());
        versions = new ArrayList<>(state.versions());
    }
}
