package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.notify.GuardedNotificationSender;
import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.PersonName;
import dev.vectorflow.ports.out.alert.NotificationSender;
import java.nio.file.Path;
import java.time.Clock;
import dev.vectorflow.core.failure.ConflictFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole server in the test JVM on a fresh PostgreSQL database and port 0, with helpers that
 * make users and teams through the API, as an admin would.
 */
final class TestServer implements AutoCloseable {

    static final String PASSWORD = "correct horse battery";
    static final String ROOT_EMAIL = "root@example.com";

    final ServerApplication app;
    final ApiClient anonymous;
    final DatabaseSettings database;
    /** The HTTP port (kept: a stopped Javalin no longer knows it). */
    final int port;
    private final Path dataDir;
    /** What this server's alerts go out through, and its alert timings (a restart keeps both). */
    private final NotificationSender sender;
    private final AlertComposition.Timings alertTimings;
    private ApiClient root;

    private TestServer(ServerApplication app, DatabaseSettings database, Path dataDir, NotificationSender sender,
                       AlertComposition.Timings alertTimings) {
        this.app = app;
        this.database = database;
        this.dataDir = dataDir;
        this.sender = sender;
        this.alertTimings = alertTimings;
        this.port = app.port();
        this.anonymous = new ApiClient("http://127.0.0.1:" + port);
    }

    /** Records what the test servers' alert channels send, instead of reaching any receiver (shared by the servers of this JVM). */
    static final dev.vectorflow.ports.fake.RecordingNotificationSender NOTIFICATIONS = new dev.vectorflow.ports.fake.RecordingNotificationSender();

    /**
     * A FIRING alert of the rule, as the evaluator would have stored it (for routes that need one without waiting for an
     * evaluation round); its id.
     */
    String firingAlert(String environmentId, String ruleId) {
        return sql("insert into alerts (id, rule_id, environment_id, subject_key, severity, state, since, fired_at, value, facts, silenced,"
                + " changed_at) values (gen_random_uuid(), '" + ruleId + "', '" + environmentId + "', 'item=" + java.util.UUID.randomUUID()
                + "', 'WARNING', 'FIRING', now(), now(), 1, '{}', false, now()) returning id").getFirst();
    }

    static TestServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** A server on a fresh database with extra {@code VF_*} settings. */
    static TestServer start(Path dataDir, Map<String, String> settings) {
        return startOn(TestDatabases.freshDatabase(), dataDir, settings);
    }

    /** A server on {@code database} (a second server on the same database shares the master key through the settings). */
    static TestServer startOn(DatabaseSettings database, Path dataDir, Map<String, String> settings) {
        return startOn(database, dataDir, settings, NOTIFICATIONS, AlertComposition.Timings.DEFAULT);
    }

    private static TestServer startOn(DatabaseSettings database, Path dataDir, Map<String, String> settings, NotificationSender sender,
                                      AlertComposition.Timings alertTimings) {
        Map<String, String> env = ExternalDatabaseTest.environmentFor(database, dataDir);
        env.putAll(settings);
        return new TestServer(ServerApplication.start(ServerSettings.fromEnvironment(env), sender, alertTimings), database, dataDir, sender,
                alertTimings);
    }

    /** A server on a fresh database that delivers alerts for real, through the sender the production server uses. */
    static TestServer startDelivering(Path dataDir) {
        return startDelivering(dataDir, Map.of(), AlertComposition.Timings.DEFAULT);
    }

    /** As {@link #startDelivering(Path)}, with extra {@code VF_*} settings and shorter alert timings. */
    static TestServer startDelivering(Path dataDir, Map<String, String> settings, AlertComposition.Timings alertTimings) {
        return startOn(TestDatabases.freshDatabase(), dataDir, settings, new GuardedNotificationSender(Clock.systemUTC()), alertTimings);
    }

    /**
     * After {@link #close()}: a new server on the same database, data directory (so the same master key) and port, as
     * agents meet it after a server restart. Sessions live in the database: clients signed in before keep working.
     */
    TestServer startAgain(Map<String, String> settings) {
        Map<String, String> samePort = new HashMap<>(settings);
        samePort.put("VF_HTTP_PORT", Integer.toString(port));
        return startOn(database, dataDir, samePort, sender, alertTimings);
    }

    /** The server's VF_DATA_DIR. */
    Path dataDirectory() {
        return dataDir;
    }

    /** Runs one SQL query on the server's database and returns the first column of every row as text. */
    List<String> sql(String query) {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl().orElseThrow(), database.user().orElse(null),
                database.password().orElse(null)); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tables (of the public schema) whose rows contain {@code text} anywhere. */
    List<String> tablesContaining(String text) {
        List<String> found = new ArrayList<>();
        for (String table : sql("select table_name from information_schema.tables where table_schema = 'public'")) {
            String count = sql("select count(*) from \"" + table + "\" t where t::text like '%" + text.replace("'", "''") + "%'").getFirst();
            if (!count.equals("0")) {
                found.add(table);
            }
        }
        return found;
    }

    /** A signed-in platform admin (made on first use, as `vectorflow admin create` would). */
    ApiClient root() {
        if (root == null) {
            try {
                app.services().setup.createPlatformAdmin(new Email(ROOT_EMAIL), new PersonName("Root"), new Password(PASSWORD));
            } catch (ConflictFailure e) {
                throw new IllegalStateException(e);
            }
            root = anonymous.signIn(ROOT_EMAIL, PASSWORD);
        }
        return root;
    }

    /** After a test ended the platform admin's session on purpose. */
    void replaceRoot(ApiClient signedIn) {
        root = signedIn;
    }

    String createTeam(String name) {
        ApiClient.Answer team = root().postJson("/api/teams", ApiClient.json("name", name));
        assertThat(team.status()).as(team.body()).isEqualTo(201);
        return team.json().get("id").asText();
    }

    /** Creates a user (who has changed their initial password) and, when {@code teamId} is given, adds them with {@code role}. */
    ApiClient user(String email, String teamId, String role) {
        ApiClient.Answer created = root().postJson("/api/users", ApiClient.json("email", email, "name", email, "password", "initial password 1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        if (teamId != null) {
            ApiClient.Answer member = root().putJson("/api/teams/" + teamId + "/members", ApiClient.json("email", email, "role", role));
            assertThat(member.status()).as(member.body()).isEqualTo(200);
        }
        ApiClient first = anonymous.signIn(email, "initial password 1");
        ApiClient.Answer changed = first.postJson("/api/me/password",
                ApiClient.json("currentPassword", "initial password 1", "newPassword", PASSWORD));
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        return first;
    }

    String createEnvironment(ApiClient as, String teamId, String name) {
        ApiClient.Answer env = as.postJson("/api/teams/" + teamId + "/environments", ApiClient.json("name", name));
        assertThat(env.status()).as(env.body()).isEqualTo(201);
        return env.json().get("id").asText();
    }

    @Override
    public void close() {
        app.close();
    }
}
