package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.core.settings.SettingsCatalog;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in through a real OpenID provider running in the test JVM: accounts made just in time, roles from groups that
 * follow the groups at every sign-in, refusals of a wrong audience, an expired token, a broken signature, a replayed or
 * foreign state, unverified and existing accounts, a provider that is down, break-glass sign-in, sign-out at the provider.
 */
class OidcSignInTest {

    private static final String RULES = "[{\"group\":\"ops-admins\",\"team\":\"ops\",\"role\":\"ADMIN\"},"
            + "{\"group\":\"ops-viewers\",\"team\":\"ops\",\"role\":\"VIEWER\"},{\"group\":\"vf-root\",\"platformAdmin\":true}]";

    @TempDir
    static Path dataDir;
    private static TestServer server;
    private static OidcFixture idp;
    private static String providerId;
    private static OidcFixture.TamperingProxy proxy;
    private static String proxiedId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of());
        idp = new OidcFixture(false);
        server.createTeam("ops");
        server.createTeam("dev");
        ApiClient.Answer created = server.root().postJson("/api/settings/oidc-providers", OidcFixture.providerJson("Corp SSO", idp.issuer(), RULES, ""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        providerId = created.json().get("id").asText();
        proxy = new OidcFixture.TamperingProxy(URI.create(idp.provider.baseUrl().toString()));
        ApiClient.Answer proxied = server.root().postJson("/api/settings/oidc-providers", OidcFixture.providerJson("Proxied SSO", proxy.issuer(), "[]", ""));
        assertThat(proxied.status()).as(proxied.body()).isEqualTo(201);
        proxiedId = proxied.json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        idp.close();
        server.close();
    }

    private static JsonNode session(ApiClient client) {
        return client.get("/api/session").json();
    }

    private static String roleIn(JsonNode session, String team) {
        for (JsonNode t : session.get("teams")) {
            if (t.get("name").asText().equals(team)) {
                return t.get("role").asText();
            }
        }
        return "none";
    }

    @Test
    void aNewPerson_isCreatedJustInTime_withTheRoleTheirGroupGives_andAChangedGroupChangesTheRoleAtTheNextSignIn() {
        idp.nextSignIn("ada", "ada@corp.example", List.of("ops-admins"));
        OidcFixture.Outcome first = OidcFixture.signIn(server, providerId);
        assertThat(first.signedIn()).as(first.toString()).isTrue();
        JsonNode me = session(OidcFixture.client(server, first));
        assertThat(me.get("user").get("email").asText()).isEqualTo("ada@corp.example");
        assertThat(me.get("user").get("hasPassword").asBoolean()).isFalse();
        assertThat(me.get("user").get("platformAdmin").asBoolean()).isFalse();
        assertThat(roleIn(me, "ops")).isEqualTo("ADMIN");

        // a membership an admin gave by hand is not the provider's to take away
        String dev = server.root().get("/api/teams").json().get("items").findValuesAsText("id").stream()
                .filter(id -> server.root().get("/api/teams/" + id).json().get("name").asText().equals("dev")).findFirst().orElseThrow();
        assertThat(server.root().putJson("/api/teams/" + dev + "/members", ApiClient.json("email", "ada@corp.example", "role", "EDITOR")).status())
                .isEqualTo(200);

        idp.nextSignIn("ada", "ada@corp.example", List.of("ops-viewers"));
        JsonNode demoted = session(OidcFixture.client(server, OidcFixture.signIn(server, providerId)));
        assertThat(roleIn(demoted, "ops")).isEqualTo("VIEWER");

        idp.nextSignIn("ada", "ada@corp.example", List.of("unrelated"));
        JsonNode removed = session(OidcFixture.client(server, OidcFixture.signIn(server, providerId)));
        assertThat(roleIn(removed, "ops")).as("no group of ops any more").isEqualTo("none");
        assertThat(roleIn(removed, "dev")).as("the hand-made membership stays").isEqualTo("EDITOR");

        idp.nextSignIn("ada", "ada@corp.example", List.of("vf-root"));
        assertThat(session(OidcFixture.client(server, OidcFixture.signIn(server, providerId))).get("user").get("platformAdmin").asBoolean()).isTrue();
        idp.nextSignIn("ada", "ada@corp.example", List.of());
        assertThat(session(OidcFixture.client(server, OidcFixture.signIn(server, providerId))).get("user").get("platformAdmin").asBoolean())
                .as("out of the group, no longer a platform admin").isFalse();

        String audit = server.root().get("/api/audit?action=user.roles_from_groups").body();
        assertThat(audit).contains("\"team:ops\":{\"new\":\"VIEWER\",\"old\":\"ADMIN\"}", "\"team:ops\":{\"new\":null,\"old\":\"VIEWER\"}",
                "\"platformAdmin\":{\"new\":true,\"old\":false}", "\"platformAdmin\":{\"new\":false,\"old\":true}");
        assertThat(server.root().get("/api/audit?action=user.create").body()).contains("ada@corp.example", "Corp SSO");
        // the account has no password: nothing signs in with one
        assertThat(server.anonymous.postJson("/api/session", ApiClient.json("email", "ada@corp.example", "password", "any password at all"))
                .status()).isEqualTo(401);
    }

    @Test
    void aTokenForAnotherAudience_orExpired_isRefused_andNobodyIsSignedIn() {
        idp.nextSignIn("mallory", Map.of("email", "mallory@corp.example", "email_verified", true, "aud", "another-client"), 3600);
        OidcFixture.Outcome audience = OidcFixture.signIn(server, providerId);
        assertThat(audience.signedIn()).isFalse();
        assertThat(audience.reason()).isEqualTo("token");
        assertThat(audience.error()).get().asString().contains("audience");

        idp.nextSignIn("mallory", Map.of("email", "mallory@corp.example", "email_verified", true), -600);
        OidcFixture.Outcome expired = OidcFixture.signIn(server, proxiedId);
        assertThat(expired.signedIn()).isFalse();
        assertThat(expired.error()).get().asString().contains("xpired");

        assertThat(server.root().get("/api/users").body()).doesNotContain("mallory@corp.example");
        assertThat(server.root().get("/api/audit?action=auth.sign_in_failed").body()).contains("audience", "xpired");
    }

    @Test
    void aReplayedState_orOneStartedInAnotherBrowser_isRefused() {
        idp.nextSignIn("grace", "grace@corp.example", List.of());
        OidcFixture.Outcome once = OidcFixture.signIn(server, providerId);
        assertThat(once.signedIn()).isTrue();

        URI replay = URI.create(server.anonymous.base() + "/api/auth/oidc/callback?code=" + once.code() + "&state=" + once.state());
        OidcFixture.Outcome again = OidcFixture.callback(replay, once.binding());
        assertThat(again.signedIn()).isFalse();
        assertThat(again.reason()).isEqualTo("state");

        // a sign-in started in one browser and finished in another (a forged login) is refused
        idp.nextSignIn("grace", "grace@corp.example", List.of());
        OidcFixture.Started started = OidcFixture.start(server, providerId);
        URI callback = URI.create(OidcFixture.send(java.net.http.HttpRequest.newBuilder(started.authorizationUrl()).GET()).headers()
                .firstValue("Location").orElseThrow());
        OidcFixture.Outcome elsewhere = OidcFixture.callback(callback, "f".repeat(64));
        assertThat(elsewhere.signedIn()).isFalse();
        assertThat(elsewhere.error()).get().asString().contains("another browser");
        assertThat(OidcFixture.callback(callback, started.binding()).reason()).as("and the state is used up").isEqualTo("state");
    }

    @Test
    void aTokenWhoseSignatureWasBroken_isRefused() {
        idp.nextSignIn("eve", "eve@corp.example", List.of());
        assertThat(OidcFixture.signIn(server, proxiedId).signedIn()).as("through the proxy, untouched").isTrue();

        proxy.breakSignatures = true;
        try {
            idp.nextSignIn("eve", "eve@corp.example", List.of());
            OidcFixture.Outcome broken = OidcFixture.signIn(server, proxiedId);
            assertThat(broken.signedIn()).isFalse();
            assertThat(broken.reason()).isEqualTo("token");
            assertThat(broken.error()).get().asString().contains("signature");
        } finally {
            proxy.breakSignatures = false;
        }
    }

    @Test
    void anUnverifiedAddress_orAnExistingLocalAccount_isSignedInOnlyWhenTheAdminAllowsIt() {
        idp.nextSignIn("ivan", Map.of("email", "ivan@corp.example", "email_verified", false), 3600);
        OidcFixture.Outcome unverified = OidcFixture.signIn(server, providerId);
        assertThat(unverified.reason()).isEqualTo("account");
        assertThat(unverified.error()).get().asString().contains("not verified");

        ApiClient local = server.user("bob@corp.example", null, null);
        String localId = session(local).get("user").get("id").asText();
        idp.nextSignIn("bob-at-corp", "bob@corp.example", List.of());
        OidcFixture.Outcome existing = OidcFixture.signIn(server, providerId);
        assertThat(existing.reason()).isEqualTo("account");
        assertThat(existing.error()).get().asString().contains("exists already");

        String changed = OidcFixture.providerJson("Corp SSO", idp.issuer(), RULES, ",\"linkExistingUsers\":true,\"allowUnverifiedEmail\":true");
        assertThat(server.root().putJson("/api/settings/oidc-providers/" + providerId, changed).status()).isEqualTo(200);
        try {
            idp.nextSignIn("bob-at-corp", "bob@corp.example", List.of());
            JsonNode bob = session(OidcFixture.client(server, OidcFixture.signIn(server, providerId)));
            assertThat(bob.get("user").get("id").asText()).as("linked to the local account").isEqualTo(localId);
            idp.nextSignIn("ivan", Map.of("email", "ivan@corp.example", "email_verified", false), 3600);
            assertThat(OidcFixture.signIn(server, providerId).signedIn()).isTrue();
        } finally {
            assertThat(server.root().putJson("/api/settings/oidc-providers/" + providerId, OidcFixture.providerJson("Corp SSO", idp.issuer(), RULES, ""))
                    .status()).isEqualTo(200);
        }
    }

    @Test
    void signingOut_endsTheLocalSession_andAnswersTheProvidersEndSessionAddress() {
        idp.nextSignIn("sign-out", "out@corp.example", List.of());
        ApiClient signedIn = OidcFixture.client(server, OidcFixture.signIn(server, providerId));

        ApiClient.Answer out = signedIn.delete("/api/session");

        assertThat(out.status()).isEqualTo(200);
        assertThat(out.json().get("endSessionUrl").asText()).startsWith(idp.provider.endSessionEndpointUrl(OidcFixture.ISSUER_ID).toString())
                .contains("id_token_hint=", "post_logout_redirect_uri=");
        assertThat(session(signedIn).get("authenticated").asBoolean()).isFalse();
    }

    @Test
    void aProviderThatIsDown_saysSoOnItsButton_andLocalBreakGlassSignInStillWorks(@TempDir Path data) throws Exception {
        int dead;
        try (ServerSocket free = new ServerSocket(0)) {
            dead = free.getLocalPort();
        }
        try (TestServer own = TestServer.start(data, Map.of())) {
            ApiClient root = own.root();
            ApiClient.Answer created = root.postJson("/api/settings/oidc-providers",
                    OidcFixture.providerJson("Down SSO", "http://127.0.0.1:" + dead + "/realms/x", "[]", ""));
            assertThat(created.status()).isEqualTo(201);
            JsonNode options = own.anonymous.get("/api/auth/providers").json();
            assertThat(options.get("providers").get(0).get("available").asBoolean()).isFalse();
            assertThat(options.get("providers").get(0).get("problem").asText()).contains("cannot be reached");
            ApiClient.Answer start = own.anonymous.postJson("/api/auth/oidc/" + created.json().get("id").asText() + "/start", "{}");
            assertThat(start.status()).isEqualTo(503);

            // local sign-in off: only the break-glass platform admin signs in with a password
            own.user("viewer@example.com", null, null);
            ApiClient.Answer off = root.putJson("/api/settings", ApiClient.json("values", Map.of(SettingsCatalog.LOCAL_SIGN_IN, "false",
                    SettingsCatalog.BREAK_GLASS_EMAIL, TestServer.ROOT_EMAIL)));
            assertThat(off.status()).as(off.body()).isEqualTo(200);
            assertThat(own.anonymous.get("/api/auth/providers").json().get("localSignIn").asBoolean()).isFalse();
            ApiClient.Answer viewer = own.anonymous.postJson("/api/session", ApiClient.json("email", "viewer@example.com", "password", TestServer.PASSWORD));
            assertThat(viewer.status()).isEqualTo(403);
            assertThat(viewer.body()).contains("turned off");
            assertThat(own.anonymous.postJson("/api/session", ApiClient.json("email", TestServer.ROOT_EMAIL, "password", TestServer.PASSWORD)).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aProviderWithMistakes_isRefusedWithEveryProblem_andADiscoveryAddressWithoutHttpsOutsideLoopback_isOneOfThem() {
        int before = server.root().get("/api/settings/oidc-providers").json().get("items").size();
        ApiClient.Answer refused = server.root().postJson("/api/settings/oidc-providers", "{\"name\":\"\",\"issuer\":\"http://login.example.com\","
                + "\"clientId\":\"vectorflow\",\"scopes\":[\"email\"],\"rules\":[{\"group\":\"g\",\"team\":\"no-such-team\",\"role\":\"ADMIN\"},"
                + "{\"group\":\"h\",\"role\":\"OWNER\"}]}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("problems").findValuesAsText("field")).containsExactlyInAnyOrder("name", "issuer", "scopes", "rules[0].team",
                "rules[1].role");
        assertThat(refused.body()).contains("https");
        ApiClient.Answer teamsChecked = server.root().postJson("/api/settings/oidc-providers", "{\"name\":\"\",\"issuer\":\"http://login.example.com\","
                + "\"clientId\":\"vectorflow\",\"scopes\":[\"email\"],\"rules\":[{\"group\":\"g\",\"team\":\"no-such-team\",\"role\":\"ADMIN\"}]}");
        assertThat(teamsChecked.json().get("problems").findValuesAsText("field")).containsExactlyInAnyOrder("issuer", "rules[0].team", "name", "scopes");
        assertThat(server.root().get("/api/settings/oidc-providers").json().get("items").size()).isEqualTo(before);
        assertThat(server.root().get("/api/settings/oidc-providers").body()).doesNotContain("client-secret");
    }
}
