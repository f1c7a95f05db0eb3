package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.app.ApiClient.Answer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First start: no default password; a one-time setup link creates the first platform admin. */
class SetupFlowTest {

    @Test
    void aFreshServerNeedsSetup_theLinkWorksOnce_andWrongTokensChangeNothing(@TempDir Path dataDir) {
        try (TestServer server = TestServer.start(dataDir)) {
            assertThat(server.anonymous.get("/api/session").json().get("setupRequired").asBoolean()).isTrue();
            String token = server.app.services().setup.prepareSetupToken().orElseThrow();

            Answer wrong = server.anonymous.postJson("/api/setup",
                    ApiClient.json("token", "0".repeat(48), "email", "ada@example.com", "name", "Ada", "password", TestServer.PASSWORD));
            assertThat(wrong.status()).isEqualTo(404);
            Answer weak = server.anonymous.postJson("/api/setup",
                    ApiClient.json("token", token, "email", "ada@example.com", "name", "Ada", "password", "short"));
            assertThat(weak.status()).isEqualTo(400);
            assertThat(weak.json().get("problems").get(0).get("field").asText()).isEqualTo("password");
            assertThat(server.anonymous.get("/api/session").json().get("setupRequired").asBoolean()).isTrue();

            Answer done = server.anonymous.postJson("/api/setup",
                    ApiClient.json("token", token, "email", "Ada@Example.com", "name", "Ada", "password", TestServer.PASSWORD));
            assertThat(done.status()).isEqualTo(201);
            assertThat(done.json().get("user").get("platformAdmin").asBoolean()).isTrue();
            assertThat(done.json().get("user").get("email").asText()).isEqualTo("ada@example.com");
            ApiClient ada = server.anonymous.withSession(done.cookie("vf_session").orElseThrow(), done.json().get("csrfToken").asText());
            assertThat(ada.get("/api/users").status()).isEqualTo(200);

            Answer again = server.anonymous.postJson("/api/setup",
                    ApiClient.json("token", token, "email", "eve@example.com", "name", "Eve", "password", TestServer.PASSWORD));
            assertThat(again.status()).isEqualTo(404);
            assertThat(server.anonymous.get("/api/session").json().get("setupRequired").asBoolean()).isFalse();
            assertThat(server.app.services().setup.prepareSetupToken()).isEmpty();
        }
    }
}
