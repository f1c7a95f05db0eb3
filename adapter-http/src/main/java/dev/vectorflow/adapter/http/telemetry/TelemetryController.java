package dev.vectorflow.adapter.http.telemetry;

import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.params.PathParams;
import dev.vectorflow.adapter.http.params.QueryParams;
import dev.vectorflow.adapter.http.telemetry.TelemetryResponses.HostPoint;
import dev.vectorflow.adapter.http.telemetry.TelemetryResponses.HostSeriesResponse;
import dev.vectorflow.adapter.http.telemetry.TelemetryResponses.LogLineResponse;
import dev.vectorflow.adapter.http.telemetry.TelemetryResponses.PipelineMetricsResponse;
import dev.vectorflow.adapter.http.telemetry.TelemetryResponses.SampleStatusResponse;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.telemetry.LogsAndSamplesQueries;
import dev.vectorflow.ports.in.telemetry.MetricsQueries;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;

/** What the agents report, as users read it: a node's host metrics, logs and sample results, a pipeline's metrics. */
public final class TelemetryController {

    private final MetricsQueries metrics;
    private final LogsAndSamplesQueries logsAndSamples;
    private final Access.TeamLocator nodeTeam;
    private final Access.TeamLocator pipelineTeam;
    private final Clock clock;

    public TelemetryController(MetricsQueries metrics, LogsAndSamplesQueries logsAndSamples, Access.TeamLocator nodeTeam,
                               Access.TeamLocator pipelineTeam, Clock clock) {
        this.metrics = metrics;
        this.logsAndSamples = logsAndSamples;
        this.nodeTeam = nodeTeam;
        this.pipelineTeam = pipelineTeam;
        this.clock = clock;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/nodes/{nodeId}/metrics", Access.team(Role.VIEWER, nodeTeam), this::nodeMetrics);
        routes.get("/api/nodes/{nodeId}/logs", Access.team(Role.VIEWER, nodeTeam), this::logs);
        routes.get("/api/nodes/{nodeId}/samples/{requestId}", Access.team(Role.EDITOR, nodeTeam), this::sample);
        routes.get("/api/pipelines/{pipelineId}/metrics", Access.team(Role.VIEWER, pipelineTeam), this::pipelineMetrics);
    }

    private void nodeMetrics(Context ctx) throws NotFoundFailure {
        QueryParams.Range r = QueryParams.range(ctx, clock);
        ctx.json(new HostSeriesResponse(r.step().toSeconds(),
                metrics.nodeMetrics(PathParams.nodeId(ctx), r.from(), r.to(), r.step()).stream().map(HostPoint::fromDomain).toList()));
    }

    private void pipelineMetrics(Context ctx) throws NotFoundFailure {
        QueryParams.Range r = QueryParams.range(ctx, clock);
        ctx.json(PipelineMetricsResponse.fromDomain(metrics.pipelineMetrics(PathParams.pipelineId(ctx), r.from(), r.to(), r.step())));
    }

    private void logs(Context ctx) throws NotFoundFailure {
        Optional<PipelineId> pipeline = Optional.ofNullable(ctx.queryParam("pipelineId")).filter(s -> !s.isBlank())
                .map(s -> PipelineId.parse("pipelineId", s));
        long after = QueryParams.longParam(ctx, "after", 0);
        int limit = (int) QueryParams.longParam(ctx, "limit", 500);
        ctx.json(logsAndSamples.logs(PathParams.nodeId(ctx), pipeline, after, limit).stream().map(LogLineResponse::fromDomain).toList());
    }

    private void sample(Context ctx) throws NotFoundFailure {
        ctx.json(SampleStatusResponse.fromDomain(logsAndSamples.sample(PathParams.nodeId(ctx), ctx.pathParam("requestId"))));
    }
}
