package dev.vectorflow.adapter.http.fleet;

import static dev.vectorflow.adapter.http.openapi.Schema.enumeration;
import static dev.vectorflow.adapter.http.openapi.Schema.of;

import dev.vectorflow.adapter.http.fleet.FleetOverviewController.OverviewResponse;
import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.ports.in.fleet.FleetOverviewQueries;

/** The fleet overview route in the OpenAPI document. */
public final class FleetApiDocs {

    private FleetApiDocs() {
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Fleet");
        docs.get("/api/environments/{id}/fleet/overview", "The dashboard of an environment: nodes and pipeline runs by status, live and"
                        + " recent event rates, agent versions and updates, and what needs attention")
                .description("The attention list holds at most " + FleetOverviewQueries.ATTENTION_LIMIT + " items (total says how many"
                        + " there are).")
                .query("range", enumeration(FleetOverviewController.RANGES.keySet().toArray(String[]::new)), "the span of the series (default 1h)")
                .ok(of(OverviewResponse.class));
    }
}
