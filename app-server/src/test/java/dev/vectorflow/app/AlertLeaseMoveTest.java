package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.Notification;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL: the one holding the alert-evaluation lease fires an alert and stops; the other takes
 * the lease and goes on evaluating (a rule created after the move fires through it) without firing again what already
 * fired or forgetting it.
 */
class AlertLeaseMoveTest {

    private static final String MASTER_KEY = "1".repeat(64);

    private static Map<String, String> settings() {
        return Map.of("VF_MASTER_KEY", MASTER_KEY, "VF_POLL_INTERVAL_MS", "500", "VF_JOB_LEASE_SECONDS", "2",
                "VF_ALERT_ALLOWED_NETWORKS", "127.0.0.0/8");
    }

    private static <T> T eventually(String what, Supplier<T> value, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (true) {
            T v = value.get();
            if (done.test(v)) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + " (last: " + v + ")");
            }
            Thread.sleep(200);
        }
    }

    private static List<Notification> firingTo(URI receiver) {
        return TestServer.NOTIFICATIONS.sent().stream()
                .filter(s -> s.target() instanceof ChannelTarget.Webhook w && w.url().equals(receiver))
                .map(s -> s.notification())
                .filter(n -> n.event() == Notification.Event.FIRING)
                .toList();
    }

    @Test
    void whenTheLeaseHolderStops_theOtherServerEvaluates_withoutFiringAgainWhatFired(@TempDir Path dataA, @TempDir Path dataB) throws Exception {
        DatabaseSettings database = TestDatabases.freshDatabase();
        TestServer a = TestServer.startOn(database, dataA, settings());
        TestServer b = null;
        try {
            // A alone takes the lease first; B starts after it
            eventually("A holds the evaluation lease", () -> a.sql("select count(*) from job_leases where name = 'alert-evaluation'"),
                    rows -> rows.equals(List.of("1")));
            String holderA = a.sql("select holder from job_leases where name = 'alert-evaluation'").getFirst();
            b = TestServer.startOn(database, dataB, settings());
            ApiClient admin = b.root();
            String team = b.createTeam("lease-move");
            String env = b.createEnvironment(admin, team, "prod");
            TestCertificates.Pem pem = TestCertificates.selfSigned("edge.example.com", Duration.ofDays(3));
            assertThat(admin.postJson("/api/environments/" + env + "/certificates", ApiClient.json("name", "edge",
                    "certificate", pem.certificate(), "privateKey", pem.privateKey())).status()).isEqualTo(201);
            URI receiver = URI.create("http://127.0.0.1:9/lease-move/" + env);
            ApiClient.Answer created = admin.postJson("/api/environments/" + env + "/alert-channels", "{\"name\":\"hook\",\"kind\":\"webhook\","
                    + "\"secrets\":{\"url\":\"" + receiver + "\",\"signingSecret\":\"whsec_" + "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3" + "\"}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String channel = created.json().get("id").asText();
            String rule = "{\"name\":\"%s\",\"severity\":\"warning\",\"channels\":[\"" + channel + "\"],"
                    + "\"condition\":{\"kind\":\"certificate_expiring\",\"days\":%d}}";
            assertThat(admin.postJson("/api/environments/" + env + "/alert-rules", rule.formatted("certs (A)", 14)).status()).isEqualTo(201);

            JsonNode firing = eventually("the alert fires (on A, the holder)",
                    () -> admin.get("/api/environments/" + env + "/alerts?state=firing").json().get("items"), items -> items.size() == 1);
            String alertId = firing.get(0).get("id").asText();
            String firedAt = firing.get(0).get("firedAt").asText();
            eventually("the firing notification is handed to the sender", () -> firingTo(receiver), sent -> sent.size() == 1);

            a.close();
            eventually("B takes the evaluation lease", () -> leaseHolder(database), holder -> !holder.isEmpty() && !holder.equals(holderA));

            // B evaluates: a rule created now fires through it
            assertThat(admin.postJson("/api/environments/" + env + "/alert-rules", rule.formatted("certs (B)", 30)).status()).isEqualTo(201);
            JsonNode both = eventually("the new rule's alert fires on B",
                    () -> admin.get("/api/environments/" + env + "/alerts?state=firing").json().get("items"), items -> items.size() == 2);
            eventually("its notification is handed to the sender", () -> firingTo(receiver), sent -> sent.size() == 2);

            JsonNode first = admin.get("/api/environments/" + env + "/alerts/" + alertId).json();
            assertThat(first.get("state").asText()).as("the alert A fired still fires").isEqualTo("FIRING");
            assertThat(first.get("firedAt").asText()).as("it was not fired again").isEqualTo(firedAt);
            // forSeconds 0: straight to FIRING, and no transition since
            assertThat(first.get("transitions")).as("no transition since it fired").singleElement()
                    .satisfies(t -> assertThat(t.get("to").asText()).isEqualTo("FIRING"));
            assertThat(firingTo(receiver)).extracting(Notification::ruleName).containsExactlyInAnyOrder("certs (A)", "certs (B)");
            assertThat(both).hasSize(2);
        } finally {
            if (b != null) {
                b.close();
            }
            a.close();
        }
    }

    private static String leaseHolder(DatabaseSettings database) {
        try (var c = java.sql.DriverManager.getConnection(database.jdbcUrl().orElseThrow(), database.user().orElse(null),
                database.password().orElse(null)); var s = c.createStatement();
             var rs = s.executeQuery("select holder from job_leases where name = 'alert-evaluation'")) {
            return rs.next() ? rs.getString(1) : "";
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
