package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.AgentVersionBaseline;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.node.NodeRepository.NodeCredential;
import dev.vectorflow.ports.out.node.NodeRepository.StatusTransition;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.ports.out.node.NodeListing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link NodeRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class NodeRepositoryContract extends FleetStoreContract {

    private NodeRepository nodes() {
        return nodeStore();
    }

    @Test
    void givenAStoredNode_itIsFoundUnchanged_andItsTokenByTheLookupId() {
        EnvironmentId environment = newEnvironment();
        Node node = node(environment, "web-1", Labels.of(Map.of("zone", "eu")), Labels.of(Map.of("role", "web")));
        String lookup = lookup();
        inTransaction(() -> nodes().insert(node, lookup, hash("secret")));

        assertThat(inTransaction(() -> nodes().findById(node.id()))).contains(node);
        assertThat(inTransaction(() -> nodes().credentialByLookup(lookup)))
                .contains(new NodeCredential(node.id(), environment, lookup, hash("secret"), false));
        assertThat(inTransaction(() -> nodes().allCredentials())).extracting(NodeCredential::nodeId).contains(node.id());
        assertThat(inTransaction(() -> nodes().findById(new NodeId(UUID.randomUUID())))).isEmpty();
        assertThat(inTransaction(() -> nodes().credentialByLookup(lookup()))).isEmpty();
    }

    @Test
    void aTokenLookupIdTakenByAnotherNode_isRefused() {
        EnvironmentId environment = newEnvironment();
        String lookup = lookup();
        inTransaction(() -> nodes().insert(node(environment, "a", Labels.NONE, Labels.NONE), lookup, hash("a")));

        assertThatThrownBy(() -> inTransaction(() -> nodes().insert(node(environment, "b", Labels.NONE, Labels.NONE), lookup, hash("b"))))
                .isInstanceOf(UniqueViolation.class);
    }

    @Test
    void theNodesOfAnEnvironment_areOrderedByHostnameIgnoringCase() {
        EnvironmentId environment = newEnvironment();
        newNode(environment, "web-2");
        newNode(environment, "Web-1");
        newNode(environment, "db-1");
        newNode(newEnvironment(), "elsewhere");

        assertThat(inTransaction(() -> nodes().findByEnvironment(environment))).extracting(Node::hostname).containsExactly("db-1", "Web-1", "web-2");
        assertThat(inTransaction(() -> nodes().findAll())).extracting(Node::hostname).contains("db-1", "Web-1", "web-2", "elsewhere");
    }

    @Test
    void userLabels_maintenance_andRevocation_changeOnlyWhatTheyName() {
        Node node = newNode(newEnvironment(), "web-1");
        String lookup = lookup();
        Node other = node(node.environmentId(), "web-2", Labels.NONE, Labels.NONE);
        inTransaction(() -> nodes().insert(other, lookup, hash("other")));

        inTransaction(() -> {
            nodes().updateUserLabels(node.id(), Labels.of(Map.of("tier", "gold")));
            nodes().updateMaintenance(node.id(), true);
            nodes().revokeToken(other.id());
        });

        assertThat(inTransaction(() -> nodes().findById(node.id()))).contains(node.withUserLabels(Labels.of(Map.of("tier", "gold")))
                .withMaintenance(true));
        assertThat(inTransaction(() -> nodes().credentialByLookup(lookup))).hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());
        assertThat(inTransaction(() -> nodes().findById(other.id()))).hasValueSatisfying(n -> assertThat(n.tokenRevoked()).isTrue());
    }

    @Test
    void aNewToken_replacesTheOld_unrevokesIt_andTakesWhatTheAgentSaysNow() {
        EnvironmentId environment = newEnvironment();
        Node node = node(environment, "old-name", Labels.NONE, Labels.NONE);
        String oldLookup = lookup();
        String newLookup = lookup();
        inTransaction(() -> {
            nodes().insert(node, oldLookup, hash("old"));
            nodes().revokeToken(node.id());
        });

        inTransaction(() -> nodes().replaceToken(node.id(), newLookup, hash("new"), Labels.of(Map.of("zone", "us")), "new-name", "darwin",
                "1.1.0", "0.58.0", T0.plusSeconds(60)));

        assertThat(inTransaction(() -> nodes().credentialByLookup(oldLookup))).isEmpty();
        assertThat(inTransaction(() -> nodes().credentialByLookup(newLookup)))
                .contains(new NodeCredential(node.id(), environment, newLookup, hash("new"), false));
        assertThat(inTransaction(() -> nodes().findById(node.id()))).hasValueSatisfying(n -> {
            assertThat(n.hostname()).isEqualTo("new-name");
            assertThat(n.os()).isEqualTo("darwin");
            assertThat(n.agentVersion()).isEqualTo("1.1.0");
            assertThat(n.vectorVersion()).isEqualTo("0.58.0");
            assertThat(n.agentLabels()).isEqualTo(Labels.of(Map.of("zone", "us")));
            assertThat(n.tokenRevoked()).isFalse();
        });
    }

    @Test
    void aDeletedNode_andItsToken_areGone() {
        Node node = newNode(newEnvironment(), "web-1");

        assertThat(inTransaction(() -> nodes().delete(node.id()))).isTrue();

        assertThat(inTransaction(() -> nodes().findById(node.id()))).isEmpty();
        assertThat(inTransaction(() -> nodes().allCredentials())).extracting(NodeCredential::nodeId).doesNotContain(node.id());
        assertThat(inTransaction(() -> nodes().delete(node.id()))).isFalse();
    }

    @Test
    void transitions_areListedNewestFirst_upToTheLimit() {
        Node node = newNode(newEnvironment(), "web-1");
        inTransaction(() -> {
            nodes().recordTransition(new StatusTransition(node.id(), null, NodeStatus.HEALTHY, "enrolled", T0));
            nodes().recordTransition(new StatusTransition(node.id(), NodeStatus.HEALTHY, NodeStatus.DEGRADED, "logs is FAILED", T0.plusSeconds(1)));
            nodes().recordTransition(new StatusTransition(node.id(), NodeStatus.DEGRADED, NodeStatus.HEALTHY, "heartbeat", T0.plusSeconds(2)));
        });

        assertThat(inTransaction(() -> nodes().transitions(node.id(), 2))).extracting(StatusTransition::from, StatusTransition::to)
                .containsExactly(tuple(NodeStatus.DEGRADED, NodeStatus.HEALTHY), tuple(NodeStatus.HEALTHY, NodeStatus.DEGRADED));
        assertThat(inTransaction(() -> nodes().transitions(node.id(), 10)).getLast())
                .isEqualTo(new StatusTransition(node.id(), null, NodeStatus.HEALTHY, "enrolled", T0));
    }

    @Test
    void nodesSilentSinceTheCutOff_becomeUnreachable_once_withATransition() {
        EnvironmentId environment = newEnvironment();
        Node silent = newNode(environment, "silent");
        Node recent = node(environment, "recent", Labels.NONE, Labels.NONE);
        Node recentNode = new Node(recent.id(), environment, "recent", "", "", "", "UNKNOWN", Labels.NONE, Labels.NONE, false,
                NodeStatus.HEALTHY, "", T0, Optional.of(T0.plusSeconds(600)), false, "");
        inTransaction(() -> nodes().insert(recentNode, lookup(), hash("recent")));

        var first = inTransaction(() -> nodes().markUnreachable(T0.plusSeconds(300), T0.plusSeconds(900), "no heartbeat", 1000));
        var second = inTransaction(() -> nodes().markUnreachable(T0.plusSeconds(300), T0.plusSeconds(960), "no heartbeat", 1000));

        assertThat(first).filteredOn(t -> t.nodeId().equals(silent.id()) || t.nodeId().equals(recent.id()))
                .containsExactly(new StatusTransition(silent.id(), NodeStatus.HEALTHY, NodeStatus.UNREACHABLE, "no heartbeat", T0.plusSeconds(900)));
        assertThat(second).extracting(StatusTransition::nodeId).doesNotContain(silent.id(), recent.id());
        assertThat(inTransaction(() -> nodes().findById(silent.id()))).hasValueSatisfying(n -> {
            assertThat(n.status()).isEqualTo(NodeStatus.UNREACHABLE);
            assertThat(n.statusReason()).isEqualTo("no heartbeat");
        });
        assertThat(inTransaction(() -> nodes().transitions(silent.id(), 1))).extracting(StatusTransition::to).containsExactly(NodeStatus.UNREACHABLE);
        assertThat(inTransaction(() -> nodes().findById(recent.id()))).hasValueSatisfying(n -> assertThat(n.status()).isEqualTo(NodeStatus.HEALTHY));
    }

    @Test
    void markingUnreachable_takesAtMostTheLimit_andTheNextCallTheRest() {
        EnvironmentId environment = newEnvironment();
        List<NodeId> silent = List.of(newNode(environment, "quiet-1").id(), newNode(environment, "quiet-2").id(),
                newNode(environment, "quiet-3").id());

        // the store may hold other tests' silent nodes too: call until nothing is left, as the sweep does
        List<List<StatusTransition>> calls = new ArrayList<>();
        List<StatusTransition> made;
        do {
            made = inTransaction(() -> nodes().markUnreachable(T0.plusSeconds(300), T0.plusSeconds(900), "no heartbeat", 2));
            calls.add(made);
        } while (!made.isEmpty() && calls.size() < 1_000);

        assertThat(calls.getFirst()).hasSize(2);
        assertThat(calls).allSatisfy(call -> assertThat(call).hasSizeLessThanOrEqualTo(2));
        assertThat(calls.getLast()).isEmpty();
        assertThat(calls.stream().flatMap(List::stream).map(StatusTransition::nodeId)).containsAll(silent).doesNotHaveDuplicates();
    }

    /** Nodes with ties in every sort key: hostnames differing only in case, few statuses and versions, some never seen. */
    private List<Node> variedNodes(EnvironmentId environment, int count) {
        Random random = new Random(20);
        List<Node> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String hostname = (i % 2 == 0 ? "web-" : "Web-") + (i / 3);
            NodeStatus status = NodeStatus.values()[random.nextInt(NodeStatus.values().length)];
            Optional<Instant> seen = i % 5 == 0 ? Optional.empty() : Optional.of(T0.plusSeconds(random.nextInt(4)));
            Labels agent = Labels.of(Map.of("zone", i % 2 == 0 ? "eu" : "us", "role", i % 3 == 0 ? "db" : "web"));
            Labels user = i % 4 == 0 ? Labels.of(Map.of("zone", "ap")) : Labels.NONE;
            made.add(new Node(new NodeId(UUID.randomUUID()), environment, hostname, "linux/amd64", "1." + random.nextInt(3) + ".0", "0.57.0",
                    "STANDALONE", agent, user, i % 7 == 0, status, "seen", T0, seen, false, ""));
        }
        inTransaction(() -> made.forEach(n -> nodes().insert(n, lookup(), hash(n.hostname()))));
        return made;
    }

    private static Comparator<Node> order(NodeListing.Sort sort) {
        Comparator<Node> byKey = switch (sort) {
            case NAME -> Comparator.comparing(n -> n.hostname().toLowerCase(Locale.ROOT));
            case STATUS -> Comparator.comparing(n -> n.status().name());
            case LAST_SEEN -> Comparator.comparing(n -> n.lastHeartbeatAt().orElse(Instant.MIN));
            case AGENT_VERSION -> Comparator.comparing(Node::agentVersion, AgentVersionBaseline.ORDER);
        };
        return byKey.thenComparing(n -> n.id().toString());
    }

    private List<NodeListing.Page> walk(EnvironmentId environment, NodeListing.Filter filter, NodeListing.Sort sort, boolean descending, int limit) {
        List<NodeListing.Page> pages = new ArrayList<>();
        Optional<NodeListing.After> after = Optional.empty();
        do {
            NodeListing.Request request = new NodeListing.Request(filter, sort, descending, after, limit);
            NodeListing.Page page = inTransaction(() -> nodes().page(environment, request));
            pages.add(page);
            after = page.next();
        } while (after.isPresent() && pages.size() < 100);
        return pages;
    }

    @Test
    void pagingByKeyset_walksEveryNodeExactlyOnce_inEachSortAndDirection_tiesBrokenById() {
        EnvironmentId environment = newEnvironment();
        List<Node> made = variedNodes(environment, 23);
        newNode(newEnvironment(), "web-elsewhere");

        for (NodeListing.Sort sort : NodeListing.Sort.values()) {
            for (boolean descending : List.of(false, true)) {
                List<NodeListing.Page> pages = walk(environment, NodeListing.Filter.ALL, sort, descending, 5);
                Comparator<Node> order = descending ? order(sort).reversed() : order(sort);
                assertThat(pages.stream().flatMap(p -> p.nodes().stream()).map(Node::id).toList()).as("%s %s", sort, descending ? "desc" : "asc")
                        .containsExactlyElementsOf(made.stream().sorted(order).map(Node::id).toList());
                assertThat(pages).hasSize(5).allSatisfy(p -> assertThat(p.total()).isEqualTo(23));
                assertThat(pages.getLast().next()).isEmpty();
            }
        }
    }

    @Test
    void aFilteredPage_holdsOnlyNodesOfTheStatus_withEveryLabel_andTheTextInTheirHostname_andCountsThemAll() {
        EnvironmentId environment = newEnvironment();
        List<Node> made = variedNodes(environment, 40);
        NodeListing.Filter filter = new NodeListing.Filter(Optional.of(NodeStatus.HEALTHY), NodeSelector.of(Map.of("zone", "us", "role", "web")),
                Optional.of("EB-1"));

        List<NodeListing.Page> pages = walk(environment, filter, NodeListing.Sort.NAME, false, 2);

        List<NodeId> expected = made.stream().filter(n -> n.status() == NodeStatus.HEALTHY && "us".equals(n.labels().values().get("zone"))
                && "web".equals(n.labels().values().get("role")) && n.hostname().toLowerCase(Locale.ROOT).contains("eb-1"))
                .sorted(order(NodeListing.Sort.NAME)).map(Node::id).toList();
        assertThat(expected).isNotEmpty();
        assertThat(pages.stream().flatMap(p -> p.nodes().stream()).map(Node::id).toList()).containsExactlyElementsOf(expected);
        assertThat(pages.getFirst().total()).isEqualTo(expected.size());
    }

    @Test
    void userLabels_overrideAgentLabels_inTheLabelFilter() {
        EnvironmentId environment = newEnvironment();
        List<Node> made = variedNodes(environment, 12);
        NodeListing.Filter inAp = new NodeListing.Filter(Optional.empty(), NodeSelector.of(Map.of("zone", "ap")), Optional.empty());
        NodeListing.Filter inEu = new NodeListing.Filter(Optional.empty(), NodeSelector.of(Map.of("zone", "eu")), Optional.empty());

        NodeListing.Page ap = inTransaction(() -> nodes().page(environment, new NodeListing.Request(inAp, NodeListing.Sort.NAME, false,
                Optional.empty(), 100)));
        NodeListing.Page eu = inTransaction(() -> nodes().page(environment, new NodeListing.Request(inEu, NodeListing.Sort.NAME, false,
                Optional.empty(), 100)));

        assertThat(ap.nodes()).extracting(Node::id).containsExactlyInAnyOrderElementsOf(made.stream().filter(n -> !n.userLabels().isEmpty())
                .map(Node::id).toList());
        assertThat(eu.nodes()).allSatisfy(n -> assertThat(n.userLabels().isEmpty()).isTrue()).isNotEmpty();
    }

    @Test
    void matching_countsEveryNodeTheSelectorMatchesOutsideMaintenance_butHoldsAtMostTheLimit() {
        EnvironmentId environment = newEnvironment();
        List<Node> made = variedNodes(environment, 30);
        NodeSelector eu = NodeSelector.of(Map.of("zone", "eu"));

        NodeListing.Page page = inTransaction(() -> nodes().matching(environment, eu, 4));

        List<Node> expected = made.stream().filter(n -> !n.maintenance() && eu.matches(n.labels())).sorted(order(NodeListing.Sort.NAME)).toList();
        assertThat(page.total()).isEqualTo(expected.size());
        assertThat(page.nodes()).extracting(Node::id).containsExactlyElementsOf(expected.stream().limit(4).map(Node::id).toList());
    }

    @Test
    void theAgentVersionOrder_comparesNumericPartsByValue_puttingPreReleasesBeforeTheirRelease_tiesBrokenById() {
        EnvironmentId environment = newEnvironment();
        List<String> versions = List.of("0.9.0", "0.10.0", "1.2", "1.2.0", "1.2.0-rc1", "1.2.0-SNAPSHOT", "1.2.1", "v1.10", "unknown", "",
                "1.2.0+build7", "007.1", "0.0.1-SNAPSHOT", "12345678901234567890.1", "0.9.0", "1.10.0", "1.9.12");
        List<Node> made = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            made.add(new Node(new NodeId(UUID.randomUUID()), environment, "v-" + i, "linux/amd64", versions.get(i), "0.57.0", "STANDALONE",
                    Labels.of(Map.of("zone", i % 2 == 0 ? "eu" : "us")), Labels.NONE, false, NodeStatus.HEALTHY, "seen", T0, Optional.of(T0),
                    false, ""));
        }
        inTransaction(() -> made.forEach(n -> nodes().insert(n, lookup(), hash(n.hostname()))));
        NodeListing.Filter inEu = new NodeListing.Filter(Optional.empty(), NodeSelector.of(Map.of("zone", "eu")), Optional.empty());

        for (boolean descending : List.of(false, true)) {
            Comparator<Node> order = descending ? order(NodeListing.Sort.AGENT_VERSION).reversed() : order(NodeListing.Sort.AGENT_VERSION);
            assertThat(walk(environment, NodeListing.Filter.ALL, NodeListing.Sort.AGENT_VERSION, descending, 3).stream()
                    .flatMap(p -> p.nodes().stream()).map(Node::agentVersion).toList()).as(descending ? "desc" : "asc")
                    .containsExactlyElementsOf(made.stream().sorted(order).map(Node::agentVersion).toList());
            assertThat(walk(environment, inEu, NodeListing.Sort.AGENT_VERSION, descending, 2).stream().flatMap(p -> p.nodes().stream())
                    .map(Node::id).toList()).as("with a label filter, " + (descending ? "desc" : "asc"))
                    .containsExactlyElementsOf(made.stream().filter(n -> "eu".equals(n.labels().values().get("zone"))).sorted(order)
                            .map(Node::id).toList());
        }
        List<String> ascending = walk(environment, NodeListing.Filter.ALL, NodeListing.Sort.AGENT_VERSION, false, 100).getFirst().nodes().stream()
                .map(Node::agentVersion).toList();
        assertThat(ascending.indexOf("0.10.0")).isGreaterThan(ascending.lastIndexOf("0.9.0"));
        assertThat(ascending.indexOf("1.10.0")).isGreaterThan(ascending.indexOf("1.9.12"));
    }

    @Test
    void filteredPages_walkEveryMatchExactlyOnce_inEachSortAndDirection_andCountThemAllOnEveryPage() {
        EnvironmentId environment = newEnvironment();
        List<Node> made = variedNodes(environment, 40);
        NodeListing.Filter filter = new NodeListing.Filter(Optional.empty(), NodeSelector.of(Map.of("role", "web")), Optional.of("EB-"));
        List<Node> matching = made.stream().filter(n -> "web".equals(n.labels().values().get("role"))).toList();

        for (NodeListing.Sort sort : NodeListing.Sort.values()) {
            for (boolean descending : List.of(false, true)) {
                List<NodeListing.Page> pages = walk(environment, filter, sort, descending, 4);
                Comparator<Node> order = descending ? order(sort).reversed() : order(sort);
                assertThat(pages.stream().flatMap(p -> p.nodes().stream()).map(Node::id).toList()).as("%s %s", sort, descending ? "desc" : "asc")
                        .containsExactlyElementsOf(matching.stream().sorted(order).map(Node::id).toList());
                assertThat(pages).allSatisfy(p -> assertThat(p.total()).isEqualTo(matching.size()));
            }
        }
    }
    private List<String> hostnamesFound(EnvironmentId environment, String search) {
        NodeListing.Filter filter = new NodeListing.Filter(Optional.empty(), NodeSelector.ALL, Optional.of(search));
        List<NodeListing.Page> pages = walk(environment, filter, NodeListing.Sort.NAME, false, 2);
        assertThat(pages).as(search).allSatisfy(p -> assertThat(p.total()).as(search).isEqualTo(pages.stream().mapToLong(q -> q.nodes().size()).sum()));
        return pages.stream().flatMap(p -> p.nodes().stream()).map(Node::hostname).toList();
    }

    @Test
    void givenHostnamesWithWildcardCharacters_whenSearched_thenTheTextMatchesLiterally_andOneOrTwoCharactersFindTheirNodesToo() {
        EnvironmentId environment = newEnvironment();
        for (String hostname : List.of("web%1", "web11", "web_1", "webx1", "web!1", "web!!1", "web\\1", "db-a", "Db-B")) {
            newNode(environment, hostname);
        }
        newNode(newEnvironment(), "web%1-elsewhere");

        assertThat(hostnamesFound(environment, "%")).containsExactly("web%1");
        assertThat(hostnamesFound(environment, "b%1")).containsExactly("web%1");
        assertThat(hostnamesFound(environment, "_")).containsExactly("web_1");
        assertThat(hostnamesFound(environment, "B_1")).containsExactly("web_1");
        assertThat(hostnamesFound(environment, "!")).containsExactlyInAnyOrder("web!1", "web!!1");
        assertThat(hostnamesFound(environment, "!!")).containsExactly("web!!1");
        assertThat(hostnamesFound(environment, "\\")).containsExactly("web\\1");
        assertThat(hostnamesFound(environment, "%%")).isEmpty();
        assertThat(hostnamesFound(environment, "D")).containsExactlyInAnyOrder("db-a", "Db-B");
        assertThat(hostnamesFound(environment, "b-")).containsExactlyInAnyOrder("db-a", "Db-B");
        assertThat(hostnamesFound(environment, "1")).hasSize(7);
        assertThat(hostnamesFound(environment, "x1")).containsExactly("webx1");
    }

    private long labelled(EnvironmentId environment, Map<String, String> labels) {
        NodeListing.Filter filter = new NodeListing.Filter(Optional.empty(), NodeSelector.of(labels), Optional.empty());
        NodeListing.Page page = inTransaction(() -> nodes().page(environment, new NodeListing.Request(filter, NodeListing.Sort.NAME, false,
                Optional.empty(), 100)));
        assertThat(page.nodes()).as("%s", labels).hasSize((int) page.total());
        assertThat(inTransaction(() -> nodes().matching(environment, NodeSelector.of(labels), 100)).total()).as("%s", labels).isEqualTo(page.total());
        return page.total();
    }

    @Test
    void givenLabelsChangedByTheUser_byReEnrolment_andANodeDeleted_whenFilteredByLabel_thenTheNodesAndTheTotalFollowEveryChange() {
        EnvironmentId environment = newEnvironment();
        Node first = node(environment, "first", Labels.of(Map.of("zone", "eu", "role", "web")), Labels.NONE);
        Node second = node(environment, "second", Labels.of(Map.of("zone", "eu", "role", "web")), Labels.NONE);
        Node third = node(environment, "third", Labels.of(Map.of("zone", "eu", "role", "db")), Labels.NONE);
        inTransaction(() -> List.of(first, second, third).forEach(n -> nodes().insert(n, lookup(), hash(n.hostname()))));
        assertThat(labelled(environment, Map.of("zone", "eu"))).isEqualTo(3);
        assertThat(labelled(environment, Map.of("zone", "eu", "role", "web"))).isEqualTo(2);

        inTransaction(() -> nodes().updateUserLabels(first.id(), Labels.of(Map.of("zone", "us", "tier", "gold"))));
        assertThat(labelled(environment, Map.of("zone", "eu"))).isEqualTo(2);
        assertThat(labelled(environment, Map.of("zone", "us", "role", "web", "tier", "gold"))).isEqualTo(1);
        assertThat(labelled(environment, Map.of("zone", "eu", "role", "web"))).isEqualTo(1);

        inTransaction(() -> nodes().updateUserLabels(first.id(), Labels.NONE));
        inTransaction(() -> nodes().replaceToken(second.id(), lookup(), hash("again"), Labels.of(Map.of("zone", "ap")), "second", "linux/amd64",
                "1.0.0", "0.57.0", T0.plusSeconds(60)));
        assertThat(labelled(environment, Map.of("zone", "us"))).isZero();
        assertThat(labelled(environment, Map.of("tier", "gold"))).isZero();
        assertThat(labelled(environment, Map.of("zone", "eu"))).isEqualTo(2);
        assertThat(labelled(environment, Map.of("zone", "ap"))).isEqualTo(1);
        assertThat(labelled(environment, Map.of("zone", "ap", "role", "web"))).isZero();

        inTransaction(() -> nodes().delete(third.id()));
        assertThat(labelled(environment, Map.of("zone", "eu"))).isEqualTo(1);
        assertThat(labelled(environment, Map.of("role", "db"))).isZero();
    }

    @Test
    void givenMoreMatchesThanAPageWalksFor_spreadOutOrBunchedAtOneEnd_whenPaged_thenEveryMatchComesOnce_inEachSortAndDirection_withTheExactTotal() {
        EnvironmentId environment = newEnvironment();
        Random random = new Random(7);
        List<Node> made = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Labels agent = Labels.of(i >= 100 ? Map.of("zone", i % 2 == 0 ? "eu" : "us", "tail", "yes") : Map.of("zone", i % 2 == 0 ? "eu" : "us"));
            Optional<Instant> seen = i % 9 == 0 ? Optional.empty() : Optional.of(T0.plusSeconds(random.nextInt(1000)));
            made.add(new Node(new NodeId(UUID.randomUUID()), environment, String.format(Locale.ROOT, "host-%03d", i), "linux/amd64",
                    "1." + random.nextInt(12) + ".0", "0.57.0", "STANDALONE", agent, Labels.NONE, i % 11 == 0,
                    NodeStatus.values()[random.nextInt(NodeStatus.values().length)], "seen", T0, seen, false, ""));
        }
        inTransaction(() -> made.forEach(n -> nodes().insert(n, lookup(), hash(n.hostname()))));

        for (Map<String, String> labels : List.of(Map.of("zone", "eu"), Map.of("tail", "yes"), Map.of("tail", "yes", "zone", "us"))) {
            NodeListing.Filter filter = new NodeListing.Filter(Optional.empty(), NodeSelector.of(labels), Optional.empty());
            List<Node> matching = made.stream().filter(n -> NodeSelector.of(labels).matches(n.labels())).toList();
            for (NodeListing.Sort sort : NodeListing.Sort.values()) {
                for (boolean descending : List.of(false, true)) {
                    List<NodeListing.Page> pages = walk(environment, filter, sort, descending, 1);
                    Comparator<Node> order = descending ? order(sort).reversed() : order(sort);
                    assertThat(pages.stream().flatMap(p -> p.nodes().stream()).map(Node::id).toList())
                            .as("%s %s %s", labels, sort, descending ? "desc" : "asc")
                            .containsExactlyElementsOf(matching.stream().sorted(order).map(Node::id).toList());
                    assertThat(pages).allSatisfy(p -> assertThat(p.total()).isEqualTo(matching.size()));
                }
            }
        }
        NodeListing.Page preview = inTransaction(() -> nodes().matching(environment, NodeSelector.of(Map.of("tail", "yes")), 3));
        List<Node> expected = made.stream().filter(n -> !n.maintenance() && n.labels().values().containsKey("tail")).toList();
        assertThat(preview.total()).isEqualTo(expected.size());
        assertThat(preview.nodes()).extracting(Node::id).containsExactlyElementsOf(expected.stream().limit(3).map(Node::id).toList());
    }
}
