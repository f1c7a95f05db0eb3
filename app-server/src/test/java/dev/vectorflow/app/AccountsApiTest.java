package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.app.ApiClient.Answer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts as a team admin and a new user meet them: answers name people, and a forced password change says why. */
class AccountsApiTest {

    @TempDir
    static Path dataDir;
    private static TestServer server;
    private static String team;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        team = server.createTeam("people");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String createUser(String email, String name) {
        Answer created = server.root().postJson("/api/users", ApiClient.json("email", email, "name", name, "password", "initial password 1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @Test
    void givenAUserAddedToATeam_putMember_answersTheirRealName_asTheMemberListDoes() {
        String id = createUser("ana@example.com", "Ana Lima");

        Answer added = server.root().putJson("/api/teams/" + team + "/members", ApiClient.json("email", "ana@example.com", "role", "EDITOR"));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().get("userId").asText()).isEqualTo(id);
        assertThat(added.json().get("name").asText()).isEqualTo("Ana Lima");
        assertThat(added.json().get("role").asText()).isEqualTo("EDITOR");

        Answer changed = server.root().putJson("/api/teams/" + team + "/members", ApiClient.json("email", "ana@example.com", "role", "VIEWER"));
        assertThat(changed.json().get("name").asText()).isEqualTo("Ana Lima");
        JsonNode listed = server.root().get("/api/teams/" + team + "/members").json().get("items").get(0);
        assertThat(changed.json()).isEqualTo(listed);
    }

    @Test
    void givenANewAccount_theSessionSaysToChooseAPassword_andAfterAnAdminReset_thatThePasswordWasReset() {
        String id = createUser("new@example.com", "New Person");

        ApiClient first = server.anonymous.signIn("new@example.com", "initial password 1");
        JsonNode user = first.get("/api/session").json().get("user");
        assertThat(user.get("mustChangePassword").asBoolean()).isTrue();
        assertThat(user.get("passwordChangeReason").asText()).isEqualTo("NEW_ACCOUNT");

        assertThat(first.postJson("/api/me/password", ApiClient.json("currentPassword", "initial password 1", "newPassword", "my own password 1"))
                .status()).isEqualTo(204);
        user = first.get("/api/session").json().get("user");
        assertThat(user.get("mustChangePassword").asBoolean()).isFalse();
        assertThat(user.hasNonNull("passwordChangeReason")).isFalse();

        assertThat(server.root().postJson("/api/users/" + id + "/password-reset", ApiClient.json("temporaryPassword", "temporary pass 1"))
                .status()).isEqualTo(204);
        user = server.anonymous.signIn("new@example.com", "temporary pass 1").get("/api/session").json().get("user");
        assertThat(user.get("mustChangePassword").asBoolean()).isTrue();
        assertThat(user.get("passwordChangeReason").asText()).isEqualTo("RESET");
    }
}
