package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staged rollouts in real headless Chromium against the real server (ui/e2e/check-rollouts.mjs): the deploy dialog's
 * staged plan, then the rollout view with its waves, decisions, Pause and Abort. The environment has no node and the
 * rollout job runs once at start only, so the rollout stays where the person put it.
 */
class UiRolloutBrowserTest {

    @Test
    void aSignedInEditor_startsAStagedRolloutFromTheDeployDialog_andPausesAndAbortsItInTheRolloutView(@TempDir Path dataDir) throws Exception {
        UiBrowserTest.requireBrowserTools();
        Duration every = ServerApplication.rolloutEvery;
        ServerApplication.rolloutEvery = Duration.ofHours(1);
        try (TestServer server = TestServer.start(dataDir)) {
            ApiClient root = server.root();
            String environment = server.createEnvironment(root, server.createTeam("rollout-ui"), "rollout-ui");
            ApiClient.Answer pipeline = root.postJson("/api/environments/" + environment + "/pipelines",
                    "{\"name\":\"staged\",\"graph\":" + PipelineFixtures.SIMPLE_GRAPH + "}");
            assertThat(pipeline.status()).as(pipeline.body()).isEqualTo(201);
            String id = pipeline.json().get("id").asText();
            assertThat(root.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "first")).status()).isEqualTo(201);
            Path screenshots = Path.of("target", "ui-rollouts").toAbsolutePath();
            UiBrowserTest.runScript(dataDir, "check-rollouts.mjs", List.of("--url", server.anonymous.base(), "--email", TestServer.ROOT_EMAIL,
                    "--password", TestServer.PASSWORD, "--pipeline", id, "--screenshots", screenshots.toString()), 180);
            assertThat(root.get("/api/pipelines/" + id + "/rollouts").json().get("rollouts").get(0).get("state").asText()).isEqualTo("ABORTED");
        } finally {
            ServerApplication.rolloutEvery = every;
        }
    }
}
