package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.core.settings.SettingsCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings store through the API: grouped settings with their sources, changes that reach every server of a cluster
 * within seconds, refusals that list every problem and change nothing, settings the environment sets, sealed secrets.
 */
class SettingsApiTest {

    private static final String MASTER_KEY = "1".repeat(64);

    private static String values(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return ApiClient.json("values", values);
    }

    /** The setting as GET /api/settings shows it. */
    private static JsonNode setting(ApiClient as, String key) {
        for (JsonNode group : as.get("/api/settings").json().get("groups")) {
            for (JsonNode s : group.get("settings")) {
                if (s.get("key").asText().equals(key)) {
                    return s;
                }
            }
        }
        throw new AssertionError("no setting " + key);
    }

    private static long eventually(String what, Supplier<Boolean> condition) throws InterruptedException {
        long started = System.nanoTime();
        while (!condition.get()) {
            if (System.nanoTime() - started > Duration.ofSeconds(20).toNanos()) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    @Test
    void givenTwoServers_aPollIntervalChangedThroughOne_reachesAgentsOfTheOtherWithinSeconds_andIsAuditedWithItsDiff(@TempDir Path dataA,
                                                                                                                    @TempDir Path dataB)
            throws Exception {
        DatabaseSettings database = TestDatabases.freshDatabase();
        Map<String, String> env = Map.of("VF_MASTER_KEY", MASTER_KEY);
        try (TestServer a = TestServer.startOn(database, dataA, env); TestServer b = TestServer.startOn(database, dataB, env)) {
            ApiClient admin = a.root();
            String environment = a.createEnvironment(admin, a.createTeam("fleet"), "prod");
            String token = admin.postJson("/api/environments/" + environment + "/enrollment-tokens", "{}").json().get("token").asText();
            JsonNode enrolled = b.anonymous.postJson("/api/agent/enroll", ApiClient.json("token", token, "hostname", "node-b")).json();
            ApiClient agentOnB = b.anonymous.withBearer(enrolled.get("nodeToken").asText());
            Supplier<Long> pollIntervalOnB = () -> agentOnB.postJson("/api/agent/heartbeat", "{\"agentVersion\":\"1.0.0\"}").json()
                    .get("pollIntervalMs").asLong();
            assertThat(pollIntervalOnB.get()).isEqualTo(15_000);

            ApiClient.Answer changed = admin.putJson("/api/settings", values(SettingsCatalog.POLL_INTERVAL_MS, "3000",
                    SettingsCatalog.UNHEALTHY_THRESHOLD, 4));
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(setting(admin, SettingsCatalog.POLL_INTERVAL_MS).get("source").asText()).isEqualTo("STORED");

            long millis = eventually("server B answers the new poll interval", () -> pollIntervalOnB.get() == 3000);
            assertThat(millis).as("ms until B applied the change").isLessThan(5_000);
            ApiClient adminOnB = b.anonymous.signIn(TestServer.ROOT_EMAIL, TestServer.PASSWORD);
            JsonNode onB = setting(adminOnB, SettingsCatalog.POLL_INTERVAL_MS);
            assertThat(onB.get("value").asText()).isEqualTo("3000");
            assertThat(onB.get("updatedBy").asText()).isEqualTo("user:" + TestServer.ROOT_EMAIL);

            JsonNode entry = admin.get("/api/audit?action=settings.update").json().get("items").get(0);
            assertThat(entry.get("changes").get(SettingsCatalog.POLL_INTERVAL_MS).toString()).isEqualTo("{\"new\":\"3000\",\"old\":\"15000\"}");
            assertThat(entry.get("changes").get(SettingsCatalog.UNHEALTHY_THRESHOLD).toString()).isEqualTo("{\"new\":\"4\",\"old\":\"3\"}");

            // back to the default (null): the stored value is gone, both servers follow
            assertThat(admin.putJson("/api/settings", values(SettingsCatalog.POLL_INTERVAL_MS, null)).status()).isEqualTo(200);
            eventually("server B answers the default again", () -> pollIntervalOnB.get() == 15_000);
            assertThat(setting(adminOnB, SettingsCatalog.POLL_INTERVAL_MS).get("source").asText()).isEqualTo("DEFAULT");
        }
    }

    @Test
    void invalidSettings_areRefusedWithEveryProblem_andNothingChanges(@TempDir Path data) {
        try (TestServer server = TestServer.start(data, Map.of("VF_MASTER_KEY", MASTER_KEY))) {
            ApiClient admin = server.root();

            ApiClient.Answer refused = admin.putJson("/api/settings", values(SettingsCatalog.POLL_INTERVAL_MS, "10",
                    SettingsCatalog.BACKUP_TARGET, "ftp", "fleet.nope", "1", SettingsCatalog.PUBLIC_URL, "vectorflow.example.com",
                    SettingsCatalog.UNHEALTHY_THRESHOLD, "5"));

            assertThat(refused.status()).isEqualTo(400);
            List<String> fields = new ArrayList<>();
            refused.json().get("problems").forEach(p -> fields.add(p.get("field").asText()));
            assertThat(fields).containsExactlyInAnyOrder(SettingsCatalog.POLL_INTERVAL_MS, SettingsCatalog.BACKUP_TARGET, "fleet.nope",
                    SettingsCatalog.PUBLIC_URL);
            assertThat(setting(admin, SettingsCatalog.UNHEALTHY_THRESHOLD).get("source").asText()).as("the valid value was not stored either")
                    .isEqualTo("DEFAULT");

            // settings that must go together
            ApiClient.Answer noBucket = admin.putJson("/api/settings", values(SettingsCatalog.BACKUP_TARGET, "s3"));
            assertThat(noBucket.status()).isEqualTo(400);
            assertThat(noBucket.json().get("problems").get(0).get("field").asText()).isEqualTo(SettingsCatalog.BACKUP_S3_BUCKET);
            ApiClient.Answer nobodyLeft = admin.putJson("/api/settings", values(SettingsCatalog.LOCAL_SIGN_IN, false));
            assertThat(nobodyLeft.status()).isEqualTo(400);
            assertThat(nobodyLeft.body()).contains(SettingsCatalog.BREAK_GLASS_EMAIL);
            ApiClient.Answer notAnAdmin = admin.putJson("/api/settings", values(SettingsCatalog.LOCAL_SIGN_IN, false,
                    SettingsCatalog.BREAK_GLASS_EMAIL, "nobody@example.com"));
            assertThat(notAnAdmin.status()).isEqualTo(400);
            assertThat(notAnAdmin.body()).contains("platform admin");
            assertThat(admin.get("/api/audit?action=settings.update").json().get("items")).isEmpty();
            assertThat(server.sql("select count(*) from system_settings")).containsExactly("0");

            ApiClient.Answer malformed = admin.putJson("/api/settings", "{\"values\":{\"fleet.pollIntervalMs\":[1]},\"extra\":1}");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.body()).contains("extra", "fleet.pollIntervalMs");
        }
    }

    @Test
    void aSettingSetByTheEnvironment_isShownAsSuch_andCannotBeChangedHere(@TempDir Path data) {
        try (TestServer server = TestServer.start(data, Map.of("VF_MASTER_KEY", MASTER_KEY, "VF_AGENT_RATE_LIMIT", "500"))) {
            ApiClient admin = server.root();
            JsonNode rate = setting(admin, SettingsCatalog.AGENT_RATE_LIMIT);
            assertThat(rate.get("value").asText()).isEqualTo("500");
            assertThat(rate.get("source").asText()).isEqualTo("ENVIRONMENT");
            assertThat(rate.get("lockedByEnvironment").asBoolean()).isTrue();
            assertThat(rate.get("environmentVariable").asText()).isEqualTo("VF_AGENT_RATE_LIMIT");

            ApiClient.Answer refused = admin.putJson("/api/settings", values(SettingsCatalog.AGENT_RATE_LIMIT, "1000"));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("set by the environment (VF_AGENT_RATE_LIMIT)");
            assertThat(server.user("viewer@example.com", null, null).get("/api/settings").status()).isEqualTo(403);
        }
    }

    @Test
    void aSecretSetting_isSealedInTheStore_neverAnswered_auditedRedacted_andOpenedForItsUser(@TempDir Path data) {
        String secretKey = "super-secret-s3-key-" + System.nanoTime();
        try (TestServer server = TestServer.start(data, Map.of("VF_MASTER_KEY", MASTER_KEY))) {
            ApiClient admin = server.root();
            ApiClient.Answer stored = admin.putJson("/api/settings", values(SettingsCatalog.BACKUP_TARGET, "s3", SettingsCatalog.BACKUP_S3_BUCKET,
                    "ops-backups", SettingsCatalog.BACKUP_S3_ENDPOINT, "http://127.0.0.1:9", SettingsCatalog.BACKUP_S3_ACCESS_KEY, "AKIAEXAMPLE",
                    SettingsCatalog.BACKUP_S3_SECRET_KEY, secretKey));
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);

            JsonNode shown = setting(admin, SettingsCatalog.BACKUP_S3_SECRET_KEY);
            assertThat(shown.get("value").asText()).isEmpty();
            assertThat(shown.get("secretSet").asBoolean()).isTrue();
            assertThat(stored.body() + admin.get("/api/settings").body() + admin.get("/api/audit").body()).doesNotContain(secretKey);
            assertThat(server.tablesContaining(secretKey)).as("tables holding the plain secret").isEmpty();
            assertThat(server.sql("select value from system_settings where key = '" + SettingsCatalog.BACKUP_S3_SECRET_KEY + "'").getFirst())
                    .startsWith("vf1:");
            assertThat(admin.get("/api/audit?action=settings.update").json().get("items").get(0).get("changes")
                    .get(SettingsCatalog.BACKUP_S3_SECRET_KEY).toString()).isEqualTo("{\"new\":\"[redacted]\",\"old\":null}");
            // the backup storage the server uses now has the opened credentials
            assertThat(BackupSettings.s3(server.app.services().settingsStore.current()).orElseThrow().secretKey()).contains(secretKey);
            assertThat(admin.get("/api/backups").json().get("storage").asText()).contains("s3://ops-backups/vectorflow/");

            // after a restart, the stored (sealed) value is read again
            server.close();
            try (TestServer again = server.startAgain(Map.of("VF_MASTER_KEY", MASTER_KEY))) {
                assertThat(BackupSettings.s3(again.app.services().settingsStore.current()).orElseThrow().secretKey()).contains(secretKey);
            }
        }
    }

    @Test
    void anAgentRateLimitChanged_appliesWithoutARestart(@TempDir Path data) {
        try (TestServer server = TestServer.start(data, Map.of("VF_MASTER_KEY", MASTER_KEY))) {
            ApiClient admin = server.root();
            String environment = server.createEnvironment(admin, server.createTeam("rates"), "prod");
            String token = admin.postJson("/api/environments/" + environment + "/enrollment-tokens", "{}").json().get("token").asText();
            ApiClient agent = server.anonymous.withBearer(server.anonymous.postJson("/api/agent/enroll", ApiClient.json("token", token,
                    "hostname", "busy")).json().get("nodeToken").asText());
            for (int i = 0; i < 15; i++) {
                assertThat(agent.postJson("/api/agent/heartbeat", "{}").status()).isEqualTo(200);
            }

            assertThat(admin.putJson("/api/settings", values(SettingsCatalog.AGENT_RATE_LIMIT, "10")).status()).isEqualTo(200);

            int refused = 0;
            for (int i = 0; i < 15; i++) {
                refused += agent.postJson("/api/agent/heartbeat", "{}").status() == 429 ? 1 : 0;
            }
            assertThat(refused).as("heartbeats refused once the limit is 10 a minute").isGreaterThan(0);
        }
    }
}
