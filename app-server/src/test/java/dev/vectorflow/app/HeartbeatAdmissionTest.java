package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heartbeat admission limit on a real server and PostgreSQL: while the writes cannot go through (the harness holds a
 * lock on {@code nodes} that the writer's updates wait for), the bounded write queue ({@code VF_TELEMETRY_QUEUE}) fills
 * and heartbeats get 503 with {@code Retry-After} (one poll interval), before their report is read; once the lock is gone they get 200 again, and every heartbeat that
 * was answered 200 is written.
 */
class HeartbeatAdmissionTest {

    @TempDir
    Path dataDir;

    @Test
    void givenWritesThatCannotGoThrough_theFullQueueAnswers503WithRetryAfter_thenAcceptsAgain_andLosesNothingAcknowledged()
            throws Exception {
        try (TestServer server = TestServer.start(dataDir, Map.of("VF_TELEMETRY_QUEUE", "1000", "VF_AGENT_RATE_LIMIT", "100000"))) {
            ApiClient admin = server.root();
            String env = server.createEnvironment(admin, server.createTeam("admission"), "production");
            String enrollment = admin.postJson("/api/environments/" + env + "/enrollment-tokens", "{\"maxUses\":4}").json().get("token").asText();
            List<ApiClient> agents = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                JsonNode enrolled = server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"" + enrollment + "\",\"hostname\":\"busy-" + i
                        + "\",\"os\":\"linux/amd64\",\"agentVersion\":\"1.0.0\"}").json();
                agents.add(server.anonymous.withBearer(enrolled.get("nodeToken").asText()));
            }
            AtomicInteger acknowledged = new AtomicInteger();
            for (ApiClient agent : agents) {
                assertThat(agent.postJson("/api/agent/heartbeat", "{}").status()).isEqualTo(200);
                acknowledged.incrementAndGet();
            }

            AtomicInteger refused = new AtomicInteger();
            AtomicReference<ApiClient.Answer> busy = new AtomicReference<>();
            try (Connection lock = DriverManager.getConnection(server.database.jdbcUrl().orElseThrow(), server.database.user().orElse(null),
                    server.database.password().orElse(null))) {
                lock.setAutoCommit(false);
                try (Statement s = lock.createStatement()) {
                    s.execute("lock table nodes in share mode"); // reads go on, the writer's updates of last-seen wait
                }
                AtomicBoolean full = new AtomicBoolean();
                List<Thread> senders = new ArrayList<>();
                for (ApiClient agent : agents) {
                    senders.add(Thread.ofPlatform().start(() -> {
                        for (int i = 0; i < 5_000 && !full.get(); i++) {
                            ApiClient.Answer beat = agent.postJson("/api/agent/heartbeat", "{}");
                            if (beat.status() == 200) {
                                acknowledged.incrementAndGet();
                            } else if (beat.status() == 503) {
                                refused.incrementAndGet();
                                busy.compareAndSet(null, beat);
                                full.set(true);
                            }
                        }
                    }));
                }
                for (Thread sender : senders) {
                    sender.join(120_000);
                }
                assertThat(busy.get()).as("a 503 within 20,000 heartbeats (%d acknowledged)", acknowledged.get()).isNotNull();
                assertThat(busy.get().raw().headers().firstValue("Retry-After")).as("one poll interval (the default 15 s)").hasValue("15");
                assertThat(busy.get().body()).contains("catching up with its writes");
                // while the queue is full the report is not even read: a body that is not JSON gets the same 503, not a 400
                ApiClient.Answer unread = agents.getFirst().postJson("/api/agent/heartbeat", "{\"agentVersion\": [not json");
                assertThat(unread.status()).as(unread.body()).isEqualTo(503);
                assertThat(unread.raw().headers().firstValue("Retry-After")).hasValue("15");
                for (String apart : List.of("/api/agent/logs", "/api/agent/samples")) { // nor are log lines and samples sent apart
                    ApiClient.Answer unreadApart = agents.getFirst().postJson(apart, "[not json");
                    assertThat(unreadApart.status()).as(apart + ": " + unreadApart.body()).isEqualTo(503);
                }
                lock.commit();
            }

            // the lock is gone: the queue drains and every agent is accepted again
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int accepted = 0;
            while (accepted < agents.size() && System.nanoTime() < deadline) {
                accepted = 0;
                for (ApiClient agent : agents) {
                    if (agent.postJson("/api/agent/heartbeat", "{}").status() == 200) {
                        acknowledged.incrementAndGet();
                        accepted++;
                    }
                }
                Thread.sleep(200);
            }
            assertThat(accepted).as("agents accepted again after the writes flow").isEqualTo(agents.size());

            JsonNode[] stats = new JsonNode[1];
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            do {
                Thread.sleep(200);
                stats[0] = admin.get("/api/system/stats").json();
            } while ((stats[0].get("telemetryQueued").asInt() > 0 || stats[0].get("heartbeatsWritten").asLong() < acknowledged.get())
                    && System.nanoTime() < until);
            assertThat(stats[0].get("heartbeatsWritten").asLong()).as("every acknowledged heartbeat is written: %s", stats[0])
                    .isEqualTo(acknowledged.get());
            assertThat(stats[0].get("heartbeatsLost").asLong()).isZero();
            assertThat(refused.get()).isPositive();
            assertThat(server.sql("select count(*) from nodes where hostname like 'busy-%' and last_heartbeat_at > now() - interval '1 minute'"))
                    .containsExactly("4");
        }
    }
}
