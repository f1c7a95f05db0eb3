package dev.vectorflow.adapter.http.rollout;

import static dev.vectorflow.adapter.http.openapi.Schema.of;

import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.rollout.RolloutResponses.RolloutDetailResponse;
import dev.vectorflow.adapter.http.rollout.RolloutResponses.RolloutListResponse;
import dev.vectorflow.adapter.http.rollout.RolloutResponses.RolloutSummaryResponse;

/** The staged rollout routes in the OpenAPI document (a rollout starts with a deploy that carries a {@code rollout} plan). */
public final class RolloutApiDocs {

    private RolloutApiDocs() {
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Rollouts");
        docs.get("/api/pipelines/{pipelineId}/rollouts", "A pipeline's staged rollouts, latest first (at most 50)")
                .ok(of(RolloutListResponse.class));
        docs.get("/api/rollouts/{rolloutId}", "A staged rollout: its waves with their nodes and how each runs, the gates, and the decision log")
                .description("The decision log holds every gate evaluation with the figures that made it (the latest 500 entries).")
                .ok(of(RolloutDetailResponse.class));
        docs.post("/api/rollouts/{rolloutId}/pause", "Pause a ROLLING or SOAKING rollout where it stands (409 otherwise)")
                .ok(of(RolloutSummaryResponse.class));
        docs.post("/api/rollouts/{rolloutId}/resume", "Resume a PAUSED rollout: its current wave converges, soaks and is gated again (409 otherwise)")
                .ok(of(RolloutSummaryResponse.class));
        docs.post("/api/rollouts/{rolloutId}/abort", "Abort an active rollout: every node goes back to the previous version (409 when it is over)")
                .ok(of(RolloutSummaryResponse.class));
        docs.post("/api/rollouts/{rolloutId}/skip", "Skip an active rollout to its end: every node gets the new version now (409 when it is over)")
                .ok(of(RolloutSummaryResponse.class));
    }
}
