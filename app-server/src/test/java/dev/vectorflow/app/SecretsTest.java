package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.app.ApiClient.Answer;
import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.core.secret.SecretValue;
import dev.vectorflow.ports.in.secret.RotateKeysUseCase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/** Secrets and certificates: sealed at rest, never answered, rotated online, refused with a wrong master key. */
class SecretsTest {

    private static final String VALUE = "hunter2-very-secret-value-7f3a";

    @TempDir
    Path dataDir;
    private TestServer server;
    private ApiClient editor;
    private String environment;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir);
        String team = server.createTeam("ops");
        environment = server.createEnvironment(server.root(), team, "production");
        editor = server.user("editor@example.com", team, "EDITOR");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String secrets() {
        return "/api/environments/" + environment + "/secrets";
    }

    private String certificates() {
        return "/api/environments/" + environment + "/certificates";
    }

    private Map<SecretName, SecretValue> resolve(ServerApplication app, String... names) {
        return app.services().secrets.resolveSecrets(new EnvironmentId(UUID.fromString(environment)),
                Arrays.stream(names).map(SecretName::new).collect(Collectors.toSet()));
    }

    @Test
    void aSecretValueGoesInButNeverComesOut_andIsNowhereInTheDatabaseInClear() {
        Answer created = editor.postJson(secrets(), ApiClient.json("name", "splunk_token", "value", VALUE, "description", "HEC token"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(VALUE).contains("\"name\":\"splunk_token\"").contains("\"createdBy\":\"user:editor@example.com\"");
        assertThat(editor.get(secrets()).body()).doesNotContain(VALUE).contains("splunk_token").contains("\"referencedBy\":[]");
        assertThat(editor.get(secrets() + "/splunk_token").body()).doesNotContain(VALUE);

        assertThat(server.tablesContaining(VALUE)).isEmpty();
        assertThat(server.tablesContaining(Base64.getEncoder().encodeToString(VALUE.getBytes()))).isEmpty();
        assertThat(server.sql("select envelope from secrets").getFirst()).startsWith("vf1:");
        Answer audit = server.root().get("/api/audit?action=secret");
        assertThat(audit.body()).doesNotContain(VALUE).contains("[redacted]");

        assertThat(resolve(server.app, "splunk_token", "missing")).containsOnlyKeys(new SecretName("splunk_token"))
                .containsValue(new SecretValue(VALUE));
        assertThat(server.app.services().secrets.missingSecrets(new EnvironmentId(UUID.fromString(environment)),
                Set.of(new SecretName("splunk_token"), new SecretName("missing")))).containsExactly(new SecretName("missing"));
    }

    @Test
    void changingTheValueReseals_andErrorsNeverRepeatAValue() {
        editor.postJson(secrets(), ApiClient.json("name", "db_password", "value", "first-value"));
        String before = server.sql("select envelope from secrets").getFirst();

        assertThat(editor.patchJson(secrets() + "/db_password", ApiClient.json("value", VALUE)).status()).isEqualTo(200);
        assertThat(server.sql("select envelope from secrets").getFirst()).isNotEqualTo(before);
        assertThat(resolve(server.app, "db_password")).containsValue(new SecretValue(VALUE));

        Answer malformed = editor.postJson(secrets(), "{\"name\":\"x\",\"value\":'" + VALUE + "'}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain(VALUE);
        Answer wrongType = editor.postJson(secrets(), "{\"name\":\"x\",\"value\":" + "[\"" + VALUE + "\"]}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).doesNotContain(VALUE);
    }

    @Test
    void badSecretsAreRefusedWithFieldProblems() {
        assertThat(editor.postJson(secrets(), ApiClient.json("name", "bad name!", "value", "v")).json().get("problems").get(0).get("field").asText())
                .isEqualTo("name");
        assertThat(editor.postJson(secrets(), ApiClient.json("name", "ok", "value", "")).json().get("problems").get(0).get("field").asText())
                .isEqualTo("value");
        editor.postJson(secrets(), ApiClient.json("name", "dup", "value", "v"));
        assertThat(editor.postJson(secrets(), ApiClient.json("name", "dup", "value", "w")).status()).isEqualTo(409);
        assertThat(editor.get(secrets() + "/nope").status()).isEqualTo(404);
        assertThat(server.sql("select count(*) from secrets").getFirst()).isEqualTo("1");
    }

    @Test
    void anEnvironmentWithSecretsCannotBeDeleted() {
        editor.postJson(secrets(), ApiClient.json("name", "token", "value", "v"));

        assertThat(server.root().delete("/api/environments/" + environment).status()).isEqualTo(409);
        assertThat(editor.delete(secrets() + "/token").status()).isEqualTo(204);
        assertThat(server.root().delete("/api/environments/" + environment).status()).isEqualTo(204);
    }

    @Test
    void rotationResealsEverything_whileAnotherServerKeepsOpeningValues() throws Exception {
        editor.postJson(secrets(), ApiClient.json("name", "a", "value", "value-a"));
        editor.postJson(secrets(), ApiClient.json("name", "b", "value", "value-b"));
        TestCertificates.Pem pem = TestCertificates.selfSigned("logs.example.com", Duration.ofDays(365));
        assertThat(editor.postJson(certificates(), ApiClient.json("name", "tls", "certificate", pem.certificate(), "privateKey", pem.privateKey()))
                .status()).isEqualTo(201);
        String oldKey = server.sql("select key_id from encryption_keys where is_primary").getFirst();

        try (ServerApplication replica = ServerApplication.start(ExternalDatabaseTest.settingsFor(server.database, dataDir))) {
            RotateKeysUseCase.Rotation rotation = server.app.services().keyRing.rotateKeys(Actor.commandLine());

            assertThat(rotation.secretsResealed()).isEqualTo(2);
            assertThat(rotation.certificatesResealed()).isEqualTo(1);
            assertThat(rotation.newKeyId()).isNotEqualTo(oldKey);
            assertThat(server.sql("select envelope from secrets")).allSatisfy(e -> assertThat(e).startsWith("vf1:" + rotation.newKeyId() + ":"));
            assertThat(resolve(server.app, "a", "b")).containsEntry(new SecretName("a"), new SecretValue("value-a"))
                    .containsEntry(new SecretName("b"), new SecretValue("value-b"));
            // the replica loaded the ring before the rotation: it meets the new key and loads it
            assertThat(resolve(replica, "a")).containsEntry(new SecretName("a"), new SecretValue("value-a"));
            assertThat(replica.services().secrets.resolveCertificates(new EnvironmentId(UUID.fromString(environment)),
                    Set.of(new SecretName("tls"))).get(new SecretName("tls")).privateKeyPem()).isEqualTo(pem.privateKey());
        }
        assertThat(server.root().get("/api/audit?action=keys.rotate").json().get("items")).hasSize(1);
    }

    @Test
    void aWrongMasterKeyRefusesToStart() {
        editor.postJson(secrets(), ApiClient.json("name", "a", "value", "value-a"));
        Map<String, String> env = ExternalDatabaseTest.environmentFor(server.database, dataDir.resolve("elsewhere"));
        env.put("VF_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));

        assertThatThrownBy(() -> ServerApplication.start(ServerSettings.fromEnvironment(env)))
                .hasMessageContaining("cannot open the key ring").hasMessageContaining("Refusing to start");
    }

    @Test
    void certificatesAreParsedSealedAndFlaggedBeforeExpiry() {
        TestCertificates.Pem soon = TestCertificates.selfSigned("soon.example.com", Duration.ofDays(10));
        Answer created = editor.postJson(certificates(), ApiClient.json("name", "edge-tls", "certificate", soon.certificate(),
                "privateKey", soon.privateKey(), "description", "edge"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("subject").asText()).contains("CN=soon.example.com");
        assertThat(created.json().get("subjectAltNames").get(0).asText()).isEqualTo("DNS:soon.example.com");
        assertThat(created.json().get("hasPrivateKey").asBoolean()).isTrue();
        assertThat(created.json().get("expiresSoon").asBoolean()).isTrue();
        assertThat(created.json().get("expired").asBoolean()).isFalse();
        assertThat(created.body()).doesNotContain("PRIVATE KEY");
        assertThat(server.tablesContaining("PRIVATE KEY")).isEmpty();
        String keyBody = soon.privateKey().lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThat(server.tablesContaining(keyBody)).isEmpty();

        TestCertificates.Pem other = TestCertificates.selfSigned("other.example.com", Duration.ofDays(90));
        Answer mismatch = editor.postJson(certificates(), ApiClient.json("name", "mixed", "certificate", soon.certificate(),
                "privateKey", other.privateKey()));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().get("problems").get(0).get("field").asText()).isEqualTo("privateKey");
        assertThat(mismatch.body()).doesNotContain("PRIVATE KEY");
        Answer garbage = editor.postJson(certificates(), ApiClient.json("name", "junk", "certificate", "not a certificate"));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("problems").get(0).get("field").asText()).isEqualTo("certificate");
        assertThat(editor.postJson(certificates(), ApiClient.json("name", "edge-tls", "certificate", other.certificate())).status()).isEqualTo(409);
        assertThat(editor.get(certificates()).json().get("items")).hasSize(1);
    }
}
