package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.app.ApiClient.Answer;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.net.http.HttpRequest;
import java.util.Map;

/** Attacks and their refusals, against the real server: each is refused and changes nothing. */
class SecurityTest {

    @TempDir
    Path dataDir;
    private TestServer server;
    private String teamA;
    private String teamB;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir);
        teamA = server.createTeam("a");
        teamB = server.createTeam("b");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Answer wrongSignIn(String email) {
        return server.anonymous.postJson("/api/session", ApiClient.json("email", email, "password", "not the password at all"));
    }

    @Test
    void fiveWrongPasswordsLockTheAccount_evenTheRightPasswordIsThenRefused_andEveryAttemptIsAudited() {
        server.user("victim@example.com", teamA, "VIEWER");
        for (int i = 0; i < 5; i++) {
            assertThat(wrongSignIn("victim@example.com").status()).isEqualTo(401);
        }

        Answer locked = server.anonymous.postJson("/api/session", ApiClient.json("email", "victim@example.com", "password", TestServer.PASSWORD));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(Long.parseLong(locked.raw().headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 900L);
        assertThat(locked.cookie("vf_session")).isEmpty();

        Answer audit = server.root().get("/api/audit?action=auth.sign_in_failed");
        assertThat(audit.json().get("items").size()).isEqualTo(6);
        assertThat(audit.body()).doesNotContain("not the password at all");
    }

    @Test
    void manyFailuresFromOneAddressBlockThatAddress() {
        for (int i = 0; i < 20; i++) {
            assertThat(wrongSignIn("nobody-" + i + "@example.com").status()).isEqualTo(401);
        }
        assertThat(wrongSignIn("nobody-else@example.com").status()).isEqualTo(429);
    }

    @Test
    void unknownEmailAndWrongPasswordLookTheSame() {
        server.user("known@example.com", null, null);
        Answer unknown = wrongSignIn("unknown@example.com");
        Answer wrong = wrongSignIn("known@example.com");

        assertThat(unknown.status()).isEqualTo(wrong.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail")).isEqualTo(wrong.json().get("detail"));
    }

    @Test
    void signInSetsAFreshHttpOnlyLaxCookie_andAFixedSessionIdIsNeverAdopted() {
        server.root();
        String planted = "a".repeat(64);
        Answer signedIn = server.anonymous.send(server.anonymous.request("/api/session")
                .header("Cookie", "vf_session=" + planted).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        ApiClient.json("email", TestServer.ROOT_EMAIL, "password", TestServer.PASSWORD))));

        assertThat(signedIn.status()).isEqualTo(200);
        String setCookie = signedIn.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("vf_session=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
        assertThat(signedIn.cookie("vf_session")).isPresent().get().isNotEqualTo(planted);
        assertThat(server.anonymous.withSession(planted, "x").get("/api/environments").status()).isEqualTo(401);
    }

    @Test
    void behindATrustedProxyTheCookieIsSecure_andForwardedHeadersAreIgnoredOtherwise() {
        server.root();
        String body = ApiClient.json("email", TestServer.ROOT_EMAIL, "password", TestServer.PASSWORD);
        Answer direct = server.anonymous.send(server.anonymous.request("/api/session").header("Content-Type", "application/json")
                .header("X-Forwarded-Proto", "https").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(setCookie(direct)).doesNotContain("Secure");

        Map<String, String> env = ExternalDatabaseTest.environmentFor(server.database, dataDir);
        env.put("VF_TRUST_PROXY", "true");
        try (ServerApplication proxied = ServerApplication.start(ServerSettings.fromEnvironment(env))) {
            ApiClient client = new ApiClient("http://127.0.0.1:" + proxied.port());
            Answer viaProxy = client.send(client.request("/api/session").header("Content-Type", "application/json")
                    .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.7")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(setCookie(viaProxy)).contains("Secure");
        }
        assertThat(server.root().get("/api/audit?action=auth.sign_in").body()).contains("\"sourceAddress\":\"203.0.113.7\"");
    }

    private static String setCookie(Answer answer) {
        return answer.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("vf_session=")).findFirst().orElseThrow();
    }

    @Test
    void stateChangesWithoutTheCsrfTokenAreRefusedAndChangeNothing() {
        ApiClient admin = server.user("admin@example.com", teamA, "ADMIN");

        Answer forged = admin.withoutCsrf().postJson("/api/teams/" + teamA + "/environments", ApiClient.json("name", "forged"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().get("detail").asText()).contains("CSRF");
        Answer wrongToken = admin.withSession(admin.sessionCookie().orElseThrow(), "f".repeat(64))
                .postJson("/api/teams/" + teamA + "/environments", ApiClient.json("name", "forged"));
        assertThat(wrongToken.status()).isEqualTo(403);

        assertThat(admin.get("/api/environments").json().get("items")).isEmpty();
        assertThat(admin.withoutCsrf().get("/api/environments").status()).as("reads need no token").isEqualTo(200);
    }

    @Test
    void aTamperedSessionCookieIsNobody() {
        ApiClient viewer = server.user("viewer@example.com", teamA, "VIEWER");
        String cookie = viewer.sessionCookie().orElseThrow();
        String tampered = cookie.substring(0, cookie.length() - 1) + (cookie.endsWith("0") ? "1" : "0");

        assertThat(viewer.withSession(tampered, "x").get("/api/environments").status()).isEqualTo(401);
        assertThat(viewer.withSession(tampered, "x").get("/api/session").json().get("authenticated").asBoolean()).isFalse();
    }

    @Test
    void anotherTeamsObjectsAnswer404NotForbidden_evenForTheirAdmin() {
        String envOfA = server.createEnvironment(server.root(), teamA, "secret-plans");
        ApiClient adminOfB = server.user("b-admin@example.com", teamB, "ADMIN");

        assertThat(adminOfB.get("/api/environments/" + envOfA).status()).isEqualTo(404);
        assertThat(adminOfB.patchJson("/api/environments/" + envOfA, ApiClient.json("name", "mine")).status()).isEqualTo(404);
        assertThat(adminOfB.delete("/api/environments/" + envOfA).status()).isEqualTo(404);
        assertThat(adminOfB.get("/api/environments/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(adminOfB.get("/api/teams/" + teamA).status()).isEqualTo(404);
        assertThat(adminOfB.get("/api/environments").json().get("items")).isEmpty();
        assertThat(server.root().get("/api/environments/" + envOfA).json().get("name").asText()).isEqualTo("secret-plans");
    }

    @Test
    void teamTokensActInTheirTeamOnly_areShownOnce_andStopWorkingWhenRevoked() {
        String envOfA = server.createEnvironment(server.root(), teamA, "prod");
        String envOfB = server.createEnvironment(server.root(), teamB, "prod");
        Answer created = server.root().postJson("/api/teams/" + teamA + "/tokens", ApiClient.json("name", "ci", "role", "EDITOR"));
        String token = created.json().get("token").asText();
        assertThat(token).startsWith("vf_api_").hasSize(7 + 64);
        ApiClient ci = server.anonymous.withBearer(token);

        assertThat(ci.get("/api/environments/" + envOfA).status()).isEqualTo(200);
        assertThat(ci.get("/api/environments/" + envOfB).status()).isEqualTo(404);
        assertThat(ci.patchJson("/api/environments/" + envOfA, ApiClient.json("name", "x")).status()).as("EDITOR is not ADMIN").isEqualTo(403);
        assertThat(ci.get("/api/me/tokens").status()).as("team tokens are not users").isEqualTo(403);
        Answer listed = server.root().get("/api/teams/" + teamA + "/tokens");
        assertThat(listed.body()).doesNotContain(token).contains("\"name\":\"ci\"");

        assertThat(server.root().delete("/api/teams/" + teamA + "/tokens/" + created.json().get("id").asText()).status()).isEqualTo(204);
        assertThat(ci.get("/api/environments/" + envOfA).status()).isEqualTo(401);
    }

    @Test
    void aPersonalTokenCappedAtViewer_cannotMintAStrongerToken_andByDefaultMintsOneAtItsOwnCap() {
        Answer viewerToken = server.root().postJson("/api/me/tokens", ApiClient.json("name", "read-only", "role", "VIEWER"));
        assertThat(viewerToken.status()).as(viewerToken.body()).isEqualTo(201);
        ApiClient capped = server.anonymous.withBearer(viewerToken.json().get("token").asText());
        int before = server.root().get("/api/me/tokens").json().get("items").size();

        Answer escalated = capped.postJson("/api/me/tokens", ApiClient.json("name", "escalated", "role", "ADMIN"));
        Answer byDefault = capped.postJson("/api/me/tokens", ApiClient.json("name", "default"));

        assertThat(escalated.status()).as(escalated.body()).isEqualTo(403);
        assertThat(escalated.body()).contains("capped at VIEWER");
        assertThat(byDefault.status()).as(byDefault.body()).isEqualTo(201);
        assertThat(byDefault.json().get("role").asText()).isEqualTo("VIEWER");
        ApiClient minted = server.anonymous.withBearer(byDefault.json().get("token").asText());
        assertThat(minted.get("/api/users").status()).as("no platform-admin power it was not given").isEqualTo(403);
        assertThat(server.root().get("/api/me/tokens").json().get("items").size()).isEqualTo(before + 1);
    }

    @Test
    void aBodyWithAnythingAfterItsJsonValue_isRefused() {
        Answer trailing = server.anonymous.postJson("/api/session", "{\"email\":\"root@example.com\",\"password\":\"x\"} {\"more\":1}");

        assertThat(trailing.status()).as(trailing.body()).isEqualTo(400);
        assertThat(trailing.body()).contains("Malformed JSON");
    }

    @Test
    void signOutEndsTheSession_andSignOutEverywhereEndsAllOfThem() {
        ApiClient first = server.user("u@example.com", teamA, "VIEWER");
        ApiClient second = server.anonymous.signIn("u@example.com", TestServer.PASSWORD);
        ApiClient third = server.anonymous.signIn("u@example.com", TestServer.PASSWORD);

        assertThat(first.delete("/api/session").status()).isEqualTo(204);
        assertThat(first.get("/api/environments").status()).isEqualTo(401);
        assertThat(second.get("/api/environments").status()).isEqualTo(200);

        assertThat(second.postJson("/api/session/revoke-all", "{}").status()).isEqualTo(204);
        assertThat(second.get("/api/environments").status()).isEqualTo(401);
        assertThat(third.get("/api/environments").status()).isEqualTo(401);
    }

    @Test
    void anAdminForcedPasswordResetBlocksEverythingButThePasswordChange() {
        server.user("u@example.com", teamA, "VIEWER");
        String userId = findUserId("u@example.com");
        assertThat(server.root().postJson("/api/users/" + userId + "/password-reset",
                ApiClient.json("temporaryPassword", "temporary pass 1")).status()).isEqualTo(204);

        ApiClient user = server.anonymous.signIn("u@example.com", "temporary pass 1");
        Answer blocked = user.get("/api/environments");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().get("title").asText()).isEqualTo("Password Change Required");
        assertThat(user.get("/api/session").json().get("user").get("mustChangePassword").asBoolean()).isTrue();
        Answer tooShort = user.postJson("/api/me/password", ApiClient.json("currentPassword", "temporary pass 1", "newPassword", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("problems").get(0).get("field").asText()).isEqualTo("newPassword");
        assertThat(user.postJson("/api/me/password", ApiClient.json("currentPassword", "wrong wrong wrong", "newPassword", "brand new password")).status())
                .isEqualTo(401);
        assertThat(user.postJson("/api/me/password", ApiClient.json("currentPassword", "temporary pass 1", "newPassword", "brand new password")).status())
                .isEqualTo(204);
        assertThat(user.get("/api/environments").status()).isEqualTo(200);
    }

    private String findUserId(String email) {
        for (var item : server.root().get("/api/users").json().get("items")) {
            if (item.get("email").asText().equals(email)) {
                return item.get("id").asText();
            }
        }
        throw new IllegalStateException(email);
    }

    @Test
    void theLastPlatformAdminCannotBeDemotedOrDeleted() {
        String rootId = findUserId(TestServer.ROOT_EMAIL);
        assertThat(server.root().patchJson("/api/users/" + rootId, ApiClient.json("platformAdmin", false)).status()).isEqualTo(403);
        assertThat(server.root().delete("/api/users/" + rootId).status()).isEqualTo(403);
    }
}
