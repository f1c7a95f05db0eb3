package dev.vectorflow.app;

import static dev.vectorflow.app.PromotionFixture.GRAPH;
import static dev.vectorflow.app.PromotionFixture.secretAndCertificate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promotion and approvals in real headless Chromium against the real server (ui/e2e/check-promotion.mjs): a promotion
 * blocked by a missing secret and certificate, one sent for approval with a value mapping, a deploy sent for approval,
 * the approval switch and the approvals list; then another admin approves through the API and the promoted pipeline
 * exists with the mapped value.
 */
class UiPromotionBrowserTest {

    private static String published(ApiClient root, String environment, String name, String graph) {
        ApiClient.Answer created = root.postJson("/api/environments/" + environment + "/pipelines", "{\"name\":\"" + name + "\",\"graph\":" + graph + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(root.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "first")).status()).isEqualTo(201);
        return id;
    }

    @Test
    void anAdminPromotesInThePage_blockedWhereSecretsLack_sentForApprovalWhereRequired_andAnotherAdminApproves(@TempDir Path dataDir)
            throws Exception {
        UiBrowserTest.requireBrowserTools();
        try (TestServer server = TestServer.start(dataDir)) {
            ApiClient root = server.root();
            String team = server.createTeam("platform");
            String dev = server.createEnvironment(root, team, "dev");
            String staging = server.createEnvironment(root, team, "staging");
            String prod = server.createEnvironment(root, team, "prod");
            secretAndCertificate(root, dev);
            secretAndCertificate(root, prod);
            assertThat(root.patchJson("/api/environments/" + prod, "{\"requiresApproval\":true}").status()).isEqualTo(200);
            String pipeline = published(root, dev, "shipper", GRAPH);
            String held = published(root, prod, "already-there", PipelineFixtures.SIMPLE_GRAPH);

            Path screenshots = Path.of("target", "ui-promotion").toAbsolutePath();
            UiBrowserTest.runScript(dataDir, "check-promotion.mjs", List.of("--url", server.anonymous.base(), "--email", TestServer.ROOT_EMAIL,
                    "--password", TestServer.PASSWORD, "--pipeline", pipeline, "--held", held, "--team", "platform", "--screenshots",
                    screenshots.toString()), 300);

            assertThat(root.get("/api/environments/" + staging).json().get("requiresApproval").asBoolean()).isTrue();
            JsonNode pending = root.get("/api/environments/" + prod + "/approvals?state=pending").json().get("items");
            List<JsonNode> requests = new java.util.ArrayList<>();
            pending.forEach(requests::add);
            assertThat(requests).extracting(r -> r.get("kind").asText()).containsExactlyInAnyOrder("promote", "deploy");
            String promotion = requests.stream().filter(r -> r.get("kind").asText().equals("promote")).findFirst().orElseThrow()
                    .get("id").asText();
            ApiClient other = server.user("other-admin@example.com", team, "ADMIN");
            ApiClient.Answer approved = other.postJson("/api/environments/" + prod + "/approvals/" + promotion + "/approve", "{}");
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            String shipper = null;
            for (JsonNode p : root.get("/api/environments/" + prod + "/pipelines").json().get("items")) {
                shipper = p.get("name").asText().equals("shipper") ? p.get("id").asText() : shipper;
            }
            assertThat(shipper).as("the promoted pipeline in prod").isNotNull();
            assertThat(root.get("/api/pipelines/" + shipper + "/versions/1").json().get("configYaml").asText())
                    .contains("https://prod.logs.example.com");
        }
    }
}
