package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paged fleet list in real headless Chromium against the real server (ui/e2e/check-fleet-paging.mjs): 120 nodes enrolled
 * through the agent API, walked page by page, sorted by clicking a header and searched on the server.
 */
class UiFleetPagingBrowserTest {

    @Test
    void with120Nodes_theFleetListPagesSortsAndSearchesOnTheServer(@TempDir Path dataDir) throws Exception {
        UiBrowserTest.requireBrowserTools();
        try (TestServer server = TestServer.start(dataDir, Map.of("VF_ENROLL_RATE_LIMIT", "100000", "VF_AGENT_RATE_LIMIT", "100000"))) {
            ApiClient admin = server.root();
            String envId = server.createEnvironment(admin, server.createTeam("paging-team"), "paging");
            ApiClient.Answer token = admin.postJson("/api/environments/" + envId + "/enrollment-tokens", "{\"maxUses\":120}");
            assertThat(token.status()).as(token.body()).isEqualTo(201);
            for (int i = 0; i < 120; i++) {
                ApiClient.Answer enrolled = server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"" + token.json().get("token").asText()
                        + "\",\"hostname\":\"" + String.format("page-%03d", i) + "\",\"os\":\"linux/amd64\",\"agentVersion\":\"1.0.0\","
                        + "\"vectorVersion\":\"vector 0.57.0\",\"labels\":{\"zone\":\"" + (i % 2 == 0 ? "eu" : "us") + "\"}}");
                assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
            }
            Path screenshots = Path.of("target", "ui-fleet-paging").toAbsolutePath();
            UiBrowserTest.runScript(dataDir, "check-fleet-paging.mjs", List.of("--url", server.anonymous.base(), "--email", TestServer.ROOT_EMAIL,
                    "--password", TestServer.PASSWORD, "--screenshots", screenshots.toString()), 240);
        }
    }
}
