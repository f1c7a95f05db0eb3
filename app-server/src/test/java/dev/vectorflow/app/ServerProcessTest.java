package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.attribute.PosixFilePermission;

/** Starts the real server process on an embedded PostgreSQL, as `./vectorflow server` does, and the operator commands. */
class ServerProcessTest {

    private static final String SECRET = "process-secret-value-5b9e1c";

    private static Process run(Path work, String logName, Map<String, String> env, String... args) throws Exception {
        Process process = ServerProcess.launch(work, work.resolve(logName), env, args);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", String.join(" ", args)).isTrue();
        return process;
    }

    @Test
    void firstStartPrintsASetupLink_adminCreateWorks_dataSurvivesRestarts_andSigtermExits0(@TempDir Path work) throws Exception {
        Map<String, String> env = Map.of("VF_DATA_DIR", work.resolve("data").toString());

        try (ServerProcess fresh = ServerProcess.start(work, env)) {
            assertThat(fresh.awaitOutput("setup?token=")).contains("No user exists yet").containsPattern("http://127\\.0\\.0\\.1:\\d+/setup\\?token=[0-9a-f]{48}");
            assertThat(new ApiClient(fresh.url()).get("/api/session").json().get("setupRequired").asBoolean()).isTrue();
            assertThat(fresh.terminate()).as("exit code after SIGTERM").isZero();
            assertThat(fresh.output()).contains("embedded PostgreSQL stopped").contains("A NEW MASTER KEY was written to");
        }

        Map<String, String> withPassword = new HashMap<>(env);
        withPassword.put("VF_ADMIN_PASSWORD", TestServer.PASSWORD);
        Process create = run(work, "admin.log", withPassword, "admin", "create", "--email", "ops@example.com", "--name", "Ops Team");
        assertThat(create.exitValue()).as(Files.readString(work.resolve("admin.log"))).isZero();
        assertThat(Files.readString(work.resolve("admin.log"))).contains("Created platform admin ops@example.com").doesNotContain(TestServer.PASSWORD)
                .as("VF_ADMIN_PASSWORD is this command's own").doesNotContain("unknown settings");
        Process duplicate = run(work, "admin2.log", withPassword, "admin", "create", "--email", "ops@example.com", "--name", "Ops");
        assertThat(duplicate.exitValue()).isEqualTo(1);

        try (ServerProcess first = ServerProcess.start(work, env)) {
            assertThat(first.output()).doesNotContain("setup?token=");
            ApiClient ops = new ApiClient(first.url()).signIn("ops@example.com", TestServer.PASSWORD);
            String team = ops.postJson("/api/teams", ApiClient.json("name", "ops")).json().get("id").asText();
            String environment = ops.postJson("/api/teams/" + team + "/environments", ApiClient.json("name", "kept-across-restarts")).json()
                    .get("id").asText();
            assertThat(ops.postJson("/api/environments/" + environment + "/secrets", ApiClient.json("name", "token", "value", SECRET)).status())
                    .isEqualTo(201);
            assertThat(ops.postJson("/api/environments/" + environment + "/secrets", "{\"name\":\"bad\",\"value\":'" + SECRET + "'}").status())
                    .isEqualTo(400);
            assertThat(first.terminate()).isZero();
            assertThat(first.output()).as("the server log").doesNotContain(SECRET).doesNotContain("A NEW MASTER KEY");
        }
        assertThat(Files.getPosixFilePermissions(work.resolve("data/master.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        Process rotate = run(work, "rotate.log", env, "keys", "rotate");
        assertThat(rotate.exitValue()).as(Files.readString(work.resolve("rotate.log"))).isZero();
        assertThat(Files.readString(work.resolve("rotate.log"))).contains("re-sealed 1 secret(s)").doesNotContain(SECRET);
        assertThat(work.resolve("data/postgres/PG_VERSION")).exists();

        try (ServerProcess second = ServerProcess.start(work, env)) {
            ApiClient ops = new ApiClient(second.url()).signIn("ops@example.com", TestServer.PASSWORD);
            assertThat(ops.get("/api/environments").body()).contains("kept-across-restarts");
            assertThat(second.terminate()).isZero();
        }

        Process verify = run(work, "verify.log", env, "audit", "verify");
        assertThat(verify.exitValue()).as(Files.readString(work.resolve("verify.log"))).isZero();
        assertThat(Files.readString(work.resolve("verify.log"))).containsPattern("Audit log intact: \\d+ entries");
    }

    @Test
    void migrateAppliesTheSchemaAndExits(@TempDir Path work) throws Exception {
        Process migrate = run(work, "migrate.log", Map.of("VF_DATA_DIR", work.resolve("data").toString()), "migrate");

        assertThat(migrate.exitValue()).as(Files.readString(work.resolve("migrate.log"))).isZero();
        assertThat(Files.readString(work.resolve("migrate.log"))).contains("Database schema is up to date");
    }

    @Test
    void givenInvalidSetting_theProcessExits78NamingTheVariable(@TempDir Path work) throws Exception {
        Process server = run(work, "bad.log", Map.of("VF_DATABASE_URL", "mysql://db/vf"), "server");

        assertThat(server.exitValue()).isEqualTo(78);
        assertThat(Files.readString(work.resolve("bad.log"))).contains("VF_DATABASE_URL must be a PostgreSQL JDBC URL");
        assertThat(work.resolve("data")).doesNotExist();
    }
}
