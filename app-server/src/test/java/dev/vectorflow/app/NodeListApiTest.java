package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paged node list over HTTP: a keyset cursor walks every node once in each order, filters combine with paging, the total
 * counts every match, the selector preview is capped, and bad parameters are refused together.
 */
class NodeListApiTest {

    private static final int NODES = 64;

    @TempDir
    static Path dataDir;
    static TestServer server;
    static ApiClient admin;
    static String envId;
    static List<JsonNode> all;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir, Map.of("VF_ENROLL_RATE_LIMIT", "100000", "VF_AGENT_RATE_LIMIT", "100000"));
        admin = server.root();
        envId = server.createEnvironment(admin, server.createTeam("paging-team"), "paging");
        ApiClient.Answer token = admin.postJson("/api/environments/" + envId + "/enrollment-tokens", "{\"maxUses\":" + NODES + "}");
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        for (int i = 0; i < NODES; i++) {
            String hostname = (i % 2 == 0 ? "node-" : "Node-") + (i / 3);
            String labels = "{\"zone\":\"" + (i % 2 == 0 ? "eu" : "us") + "\",\"role\":\"" + (i % 3 == 0 ? "db" : "web") + "\"}";
            ApiClient.Answer enrolled = server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"" + token.json().get("token").asText()
                    + "\",\"hostname\":\"" + hostname + "\",\"os\":\"linux/amd64\",\"agentVersion\":\"1." + (i % 4) + ".0\","
                    + "\"vectorVersion\":\"vector 0.57.0\",\"labels\":" + labels + "}");
            assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
            if (i % 3 != 0) {
                ApiClient agent = server.anonymous.withBearer(enrolled.json().get("nodeToken").asText());
                assertThat(agent.postJson("/api/agent/heartbeat", "{\"agentVersion\":\"1." + (i % 4) + ".0\",\"deploymentMode\":\"STANDALONE\","
                        + "\"labels\":" + labels + ",\"pipelines\":[]}").status()).isEqualTo(200);
            }
        }
        all = walk("limit=500").getFirst().nodes;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Page(List<JsonNode> nodes, long total, String nextCursor) {
    }

    private static Page page(String query) {
        ApiClient.Answer answer = admin.get("/api/environments/" + envId + "/nodes?" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> nodes = new ArrayList<>();
        answer.json().get("nodes").forEach(nodes::add);
        JsonNode next = answer.json().get("nextCursor");
        return new Page(nodes, answer.json().get("total").asLong(), next == null || next.isNull() ? null : next.asText());
    }

    /** Every page of a query, following nextCursor. */
    private static List<Page> walk(String query) {
        List<Page> pages = new ArrayList<>();
        String cursor = null;
        do {
            Page page = page(query + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            pages.add(page);
            cursor = page.nextCursor();
        } while (cursor != null && pages.size() <= NODES);
        return pages;
    }

    private static List<String> ids(List<Page> pages) {
        return pages.stream().flatMap(p -> p.nodes().stream()).map(n -> n.get("id").asText()).toList();
    }

    private static Comparator<JsonNode> byKeyThenId(Function<JsonNode, String> key) {
        return Comparator.comparing(key).thenComparing(n -> n.get("id").asText());
    }

    private static String lastSeen(JsonNode n) {
        JsonNode at = n.get("lastHeartbeatAt");
        if (at == null || at.isNull()) {
            return "";
        }
        // to the microsecond the database keeps: two heartbeats within one millisecond are ordered by it, not by id
        Instant instant = Instant.parse(at.asText());
        return String.format("%020d%09d", instant.getEpochSecond(), instant.getNano());
    }

    @Test
    void theCursor_walksEveryNodeExactlyOnce_inEverySortAndOrder_withTiesBrokenById() {
        Map<String, Comparator<JsonNode>> sorts = Map.of(
                "name", byKeyThenId(n -> n.get("hostname").asText().toLowerCase(Locale.ROOT)),
                "status", byKeyThenId(n -> n.get("status").asText()),
                "lastSeen", byKeyThenId(NodeListApiTest::lastSeen),
                "agentVersion", byKeyThenId(n -> n.get("agentVersion").asText()));
        assertThat(all).hasSize(NODES);
        for (Map.Entry<String, Comparator<JsonNode>> sort : sorts.entrySet()) {
            for (String order : List.of("asc", "desc")) {
                List<Page> pages = walk("limit=7&sort=" + sort.getKey() + "&order=" + order);
                Comparator<JsonNode> expected = order.equals("asc") ? sort.getValue() : sort.getValue().reversed();
                assertThat(ids(pages)).as("sort=%s&order=%s", sort.getKey(), order)
                        .containsExactlyElementsOf(all.stream().sorted(expected).map(n -> n.get("id").asText()).toList());
                assertThat(pages).hasSize((NODES + 6) / 7).allSatisfy(p -> assertThat(p.total()).isEqualTo(NODES));
                assertThat(pages.getLast().nextCursor()).isNull();
            }
        }
    }

    @Test
    void statusLabelAndSearch_combine_acrossPages_andTheTotalCountsEveryMatch() {
        String status = all.get(1).get("status").asText();
        List<String> expected = all.stream().filter(n -> n.get("status").asText().equals(status)
                        && n.get("labels").get("zone").asText().equals("us") && n.get("labels").get("role").asText().equals("web")
                        && n.get("hostname").asText().toLowerCase(Locale.ROOT).contains("ode-1"))
                .sorted(byKeyThenId(n -> n.get("hostname").asText().toLowerCase(Locale.ROOT))).map(n -> n.get("id").asText()).toList();
        assertThat(expected).hasSizeGreaterThan(2);

        List<Page> pages = walk("limit=2&status=" + status.toLowerCase(Locale.ROOT) + "&label=zone=us&label=role=web&search=ODE-1");

        assertThat(ids(pages)).containsExactlyElementsOf(expected);
        assertThat(pages.getFirst().total()).isEqualTo(expected.size());
    }

    @Test
    void withoutALimit_aPageHolds100Nodes_andAtMost500AreAsked() {
        Page first = page("");
        assertThat(first.nodes()).hasSize(Math.min(NODES, 100));
        assertThat(first.total()).isEqualTo(NODES);
        assertThat(page("limit=500").nodes()).hasSize(NODES);
        assertThat(admin.get("/api/environments/" + envId + "/nodes?limit=501").status()).isEqualTo(400);
        assertThat(page("limit=1").nextCursor()).isNotNull();
    }

    @Test
    void theSelectorPreview_countsEveryMatch_butNamesAtMost50() {
        JsonNode match = admin.get("/api/environments/" + envId + "/nodes/match?selector=").json();

        assertThat(match.get("count").asInt()).isEqualTo(NODES);
        assertThat(match.get("nodes")).hasSize(50);
        assertThat(admin.get("/api/environments/" + envId + "/nodes/match?selector=zone=eu").json().get("count").asInt()).isEqualTo(NODES / 2);
    }

    @Test
    void badParameters_areRefusedTogether_eachNamed() {
        ApiClient.Answer bad = admin.get("/api/environments/" + envId + "/nodes?limit=0&sort=cpu&order=up&status=lost&label=zone&search=%01x");

        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        Set<String> fields = new HashSet<>();
        bad.json().get("problems").forEach(p -> fields.add(p.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("limit", "sort", "order", "status", "label", "search");
    }

    @Test
    void aCursorNotGivenByTheList_orGivenForAnotherOrder_isRefused() {
        String byName = page("limit=3&sort=name").nextCursor();
        String byLastSeen = page("limit=3&sort=lastSeen").nextCursor();

        for (String query : List.of("sort=status&cursor=" + byName, "sort=name&order=desc&cursor=" + byName, "cursor=not-a-cursor",
                "sort=lastSeen&cursor=" + byLastSeen.substring(0, byLastSeen.length() - 4) + "AAAA")) {
            ApiClient.Answer refused = admin.get("/api/environments/" + envId + "/nodes?" + query);
            assertThat(refused.status()).as(query + " " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("problems").get(0).get("field").asText()).isEqualTo("cursor");
        }
        assertThat(page("sort=lastSeen&limit=500&cursor=" + byLastSeen).nodes()).hasSize(NODES - 3);
    }

    @Test
    void aCursorGivenUnderOtherFilters_isRefusedNamingThem_butTheSameFiltersInAnotherSpellingGoOn() {
        String cursor = URLEncoder.encode(page("limit=2&label=zone=us&label=role=web&search=ODE").nextCursor(), StandardCharsets.UTF_8);

        for (String query : List.of("label=zone=us&search=ODE", "label=zone=us&label=role=web", "label=zone=eu&label=role=web&search=ODE",
                "label=zone=us&label=role=web&search=ODE&status=healthy", "label=zone=us&label=role=web&search=ODE-1")) {
            ApiClient.Answer refused = admin.get("/api/environments/" + envId + "/nodes?limit=2&" + query + "&cursor=" + cursor);
            assertThat(refused.status()).as(query + " " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("problems").get(0).get("field").asText()).isEqualTo("cursor");
            assertThat(refused.json().get("problems").get(0).get("message").asText()).as(query).contains("other filters");
        }
        Page next = page("limit=2&label=role=web,zone=us&search=ode&cursor=" + cursor);
        assertThat(next.nodes()).hasSize(2).allSatisfy(n -> assertThat(n.get("labels").get("zone").asText()).isEqualTo("us"));
    }
    /** The total of the label filter and of the selector preview for the label, once both agree (heartbeats are written in batches). */
    private static long labelled(String environment, String label, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            ApiClient.Answer list = admin.get("/api/environments/" + environment + "/nodes?label=" + label);
            ApiClient.Answer match = admin.get("/api/environments/" + environment + "/nodes/match?selector=" + label);
            assertThat(list.status()).as(list.body()).isEqualTo(200);
            long total = list.json().get("total").asLong();
            long count = match.json().get("count").asLong();
            assertThat(list.json().get("nodes")).hasSize((int) total);
            // the two requests may fall either side of the heartbeat writer's flush: only the settled answers must agree
            if (total == expected && count == expected || System.nanoTime() > deadline) {
                assertThat(count).as(label).isEqualTo(total);
                return total;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void givenLabelsAnAgentReportsAnew_andLabelsAUserSets_whenFilteredByLabel_thenTheListAndThePreviewFindTheNodeByItsNewLabels()
            throws InterruptedException {
        String environment = server.createEnvironment(admin, server.createTeam("relabel-team"), "relabel");
        ApiClient.Answer token = admin.postJson("/api/environments/" + environment + "/enrollment-tokens", "{\"maxUses\":1}");
        ApiClient.Answer enrolled = server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"" + token.json().get("token").asText()
                + "\",\"hostname\":\"relabelled\",\"os\":\"linux/amd64\",\"agentVersion\":\"1.0.0\",\"vectorVersion\":\"vector 0.57.0\","
                + "\"labels\":{\"zone\":\"eu\"}}");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        String node = enrolled.json().get("nodeId").asText();
        assertThat(labelled(environment, "zone=eu", 1)).isEqualTo(1);

        ApiClient agent = server.anonymous.withBearer(enrolled.json().get("nodeToken").asText());
        assertThat(agent.postJson("/api/agent/heartbeat", "{\"agentVersion\":\"1.0.0\",\"deploymentMode\":\"STANDALONE\","
                + "\"labels\":{\"zone\":\"us\",\"rack\":\"r1\"},\"pipelines\":[]}").status()).isEqualTo(200);
        assertThat(labelled(environment, "zone=us", 1)).isEqualTo(1);
        assertThat(labelled(environment, "zone=eu", 0)).isZero();

        ApiClient.Answer set = admin.putJson("/api/nodes/" + node + "/labels", "{\"labels\":{\"zone\":\"ap\"}}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(labelled(environment, "zone=ap", 1)).isEqualTo(1);
        assertThat(labelled(environment, "zone=us", 0)).isZero();
        assertThat(labelled(environment, "rack=r1", 1)).isEqualTo(1);
    }
}
