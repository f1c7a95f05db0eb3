package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.adapter.crypto.HmacSha1Totp;
import dev.vectorflow.core.identity.Base32;
import dev.vectorflow.core.settings.SettingsCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TOTP second factors of local accounts through the API, with codes computed as an authenticator app does: enrolment with
 * a QR code, sign-in with a code, a replayed code, recovery codes that work once, too many wrong codes, a team or the
 * platform requiring it, an admin's reset, and API tokens that never need it.
 */
class TwoFactorTest {

    @TempDir
    static Path dataDir;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir, Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The code an authenticator app shows {@code steps} periods of 30 s from now. */
    private static String code(String secret, int steps) {
        long step = Instant.now().getEpochSecond() / 30 + steps;
        return String.format("%06d", new HmacSha1Totp().code(Base32.decode(secret), step));
    }

    /** Enrols {@code client}'s second factor; answers the secret and the recovery codes. */
    private static Map.Entry<String, List<String>> enrol(ApiClient client) {
        ApiClient.Answer begun = client.postJson("/api/me/two-factor", "{}");
        assertThat(begun.status()).as(begun.body()).isEqualTo(201);
        String secret = begun.json().get("secret").asText();
        ApiClient.Answer confirmed = client.postJson("/api/me/two-factor/confirm", ApiClient.json("code", code(secret, 0)));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        confirmed.json().get("recoveryCodes").forEach(c -> codes.add(c.asText()));
        return Map.entry(secret, codes);
    }

    private static ApiClient.Answer password(String email) {
        return server.anonymous.postJson("/api/session", ApiClient.json("email", email, "password", TestServer.PASSWORD));
    }

    private static ApiClient.Answer second(String challenge, String code) {
        return server.anonymous.postJson("/api/session/second-factor", ApiClient.json("challenge", challenge, "code", code));
    }

    @Test
    void anEnrolledAccount_signsInWithACode_aReplayedCodeIsRefused_andARecoveryCodeWorksOnce() {
        ApiClient alice = server.user("alice@example.com", null, null);
        String apiToken = alice.postJson("/api/me/tokens", ApiClient.json("name", "ci")).json().get("token").asText();

        ApiClient.Answer begun = alice.postJson("/api/me/two-factor", "{}");
        assertThat(begun.status()).isEqualTo(201);
        String secret = begun.json().get("secret").asText();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(begun.json().get("otpauthUri").asText()).startsWith("otpauth://totp/VectorFlow%3Aalice%40example.com?secret=" + secret)
                .contains("issuer=VectorFlow", "digits=6", "period=30");
        assertThat(begun.json().get("qrSvg").asText()).startsWith("<svg").contains("<path d=\"M");
        assertThat(alice.postJson("/api/me/two-factor/confirm", ApiClient.json("code", "000000")).status()).isEqualTo(401);
        ApiClient.Answer confirmed = alice.postJson("/api/me/two-factor/confirm", ApiClient.json("code", code(secret, 0)));
        assertThat(confirmed.status()).isEqualTo(200);
        List<String> recovery = new ArrayList<>();
        confirmed.json().get("recoveryCodes").forEach(c -> recovery.add(c.asText()));
        assertThat(recovery).hasSize(10).allMatch(c -> c.matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}")).doesNotHaveDuplicates();
        assertThat(server.tablesContaining(recovery.getFirst().replace("-", ""))).as("recovery codes are stored hashed").isEmpty();
        assertThat(server.tablesContaining(secret)).as("the secret is stored sealed").isEmpty();

        // the password is right: the second step is asked for, no session yet
        ApiClient.Answer first = password("alice@example.com");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("secondFactorRequired").asBoolean()).isTrue();
        assertThat(first.cookie("vf_session")).isEmpty();
        String next = code(secret, 1);
        ApiClient.Answer signedIn = second(first.json().get("challenge").asText(), next);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.cookie("vf_session")).isPresent();

        // the same code again, at a new sign-in: refused
        ApiClient.Answer replay = second(password("alice@example.com").json().get("challenge").asText(), next);
        assertThat(replay.status()).isEqualTo(401);

        // a recovery code works once (typed in lower case without dashes too)
        String recoveryCode = recovery.get(3);
        ApiClient.Answer recovered = second(password("alice@example.com").json().get("challenge").asText(),
                recoveryCode.replace("-", "").toLowerCase());
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(second(password("alice@example.com").json().get("challenge").asText(), recoveryCode).status()).isEqualTo(401);
        ApiClient signedInAlice = server.anonymous.signIn("root@example.com", TestServer.PASSWORD);
        assertThat(signedInAlice.get("/api/audit?action=auth.sign_in&actor=alice").body()).contains("recovery code");

        // API tokens never need the second factor
        assertThat(server.anonymous.withBearer(apiToken).get("/api/environments").status()).isEqualTo(200);
        assertThat(alice.get("/api/me/two-factor").json().get("recoveryCodesLeft").asInt()).isEqualTo(9);
    }

    @Test
    void fiveWrongCodes_endTheStep_andLockTheAccountLikeWrongPasswords() {
        ApiClient dave = server.user("dave@example.com", null, null);
        enrol(dave);
        String challenge = password("dave@example.com").json().get("challenge").asText();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(second(challenge, "12345" + i).status());
        }
        assertThat(statuses).containsExactly(401, 401, 401, 401, 429);
        assertThat(password("dave@example.com").status()).as("locked for a while").isEqualTo(429);
    }

    @Test
    void aTeamThatRequiresASecondFactor_makesItsMembersEnrolFirst_andAnAdminResetStartsOver() {
        String team = server.createTeam("secure");
        ApiClient bob = server.user("bob@example.com", team, "EDITOR");
        server.createEnvironment(server.root(), team, "vault");
        assertThat(bob.putJson("/api/teams/" + team + "/two-factor", "{\"required\":true}").status()).as("an editor may not").isEqualTo(403);
        assertThat(server.root().putJson("/api/teams/" + team + "/two-factor", "{\"required\":true}").status()).isEqualTo(200);
        assertThat(server.root().get("/api/teams/" + team + "/two-factor").json().get("required").asBoolean()).isTrue();

        JsonNode session = bob.get("/api/session").json();
        assertThat(session.get("user").get("twoFactorEnrollmentRequired").asBoolean()).isTrue();
        ApiClient.Answer blocked = bob.get("/api/environments");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.body()).contains("Two-Factor Enrollment Required");

        Map.Entry<String, List<String>> enrolled = enrol(bob);
        assertThat(bob.get("/api/environments").status()).isEqualTo(200);
        ApiClient.Answer keep = bob.postJson("/api/me/two-factor/disable", ApiClient.json("code", code(enrolled.getKey(), 1)));
        assertThat(keep.status()).as("required: cannot be turned off").isEqualTo(403);

        String bobId = session.get("user").get("id").asText();
        assertThat(server.root().delete("/api/users/" + bobId + "/two-factor").status()).isEqualTo(204);
        assertThat(server.root().get("/api/audit?action=user.two_factor_reset").body()).contains(bobId);
        ApiClient.Answer again = password("bob@example.com");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().has("secondFactorRequired")).as("no second factor any more").isFalse();
        ApiClient bobAgain = server.anonymous.signIn("bob@example.com", TestServer.PASSWORD);
        assertThat(bobAgain.get("/api/session").json().get("user").get("twoFactorEnrollmentRequired").asBoolean()).isTrue();
        assertThat(server.root().putJson("/api/teams/" + team + "/two-factor", "{\"required\":false}").status()).isEqualTo(200);
        assertThat(bobAgain.get("/api/environments").status()).isEqualTo(200);
    }

    @Test
    void aPlatformWideRequirement_appliesToEveryLocalAccount_butNotToApiTokens() {
        ApiClient carol = server.user("carol@example.com", null, null);
        String token = carol.postJson("/api/me/tokens", ApiClient.json("name", "script")).json().get("token").asText();
        assertThat(server.root().putJson("/api/settings", ApiClient.json("values", Map.of(SettingsCatalog.REQUIRE_TWO_FACTOR, "true")))
                .status()).isEqualTo(200);
        try {
            assertThat(carol.get("/api/environments").status()).isEqualTo(403);
            assertThat(server.anonymous.withBearer(token).get("/api/environments").status()).isEqualTo(200);
            assertThat(carol.get("/api/me/two-factor").json().get("required").asBoolean()).isTrue();
        } finally {
            // the platform admin enrols too before changing it back (the requirement applies to them as well)
            ApiClient root = server.anonymous.signIn(TestServer.ROOT_EMAIL, TestServer.PASSWORD);
            assertThat(root.get("/api/settings").status()).isEqualTo(403);
            enrol(root);
            assertThat(root.putJson("/api/settings", ApiClient.json("values", java.util.Collections.singletonMap(SettingsCatalog.REQUIRE_TWO_FACTOR,
                    null))).status()).isEqualTo(200);
        }
    }
}
