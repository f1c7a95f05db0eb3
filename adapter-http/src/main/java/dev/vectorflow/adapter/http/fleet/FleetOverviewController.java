package dev.vectorflow.adapter.http.fleet;

import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.fleet.FleetOverviewQueries;
import dev.vectorflow.ports.in.fleet.FleetOverviewQueries.FleetOverview;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.UpdateTally;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet dashboard of an environment ({@code GET /api/environments/{id}/fleet/overview?range=1h}); viewers of the
 * owning team read it.
 */
public final class FleetOverviewController {

    /** The ranges the dashboard offers, each with the step of its chart. */
    static final Map<String, Range> RANGES = ranges();

    record Range(Duration span, Duration step) {
    }

    private static Map<String, Range> ranges() {
        Map<String, Range> ranges = new LinkedHashMap<>();
        ranges.put("15m", new Range(Duration.ofMinutes(15), Duration.ofMinutes(1)));
        ranges.put("1h", new Range(Duration.ofHours(1), Duration.ofMinutes(1)));
        ranges.put("6h", new Range(Duration.ofHours(6), Duration.ofMinutes(5)));
        ranges.put("24h", new Range(Duration.ofHours(24), Duration.ofMinutes(15)));
        ranges.put("7d", new Range(Duration.ofDays(7), Duration.ofHours(1)));
        return Map.copyOf(ranges);
    }

    private final FleetOverviewQueries queries;
    private final Access.TeamLocator environmentTeam;
    private final Clock clock;

    public FleetOverviewController(FleetOverviewQueries queries, Access.TeamLocator environmentTeam, Clock clock) {
        this.queries = queries;
        this.environmentTeam = environmentTeam;
        this.clock = clock;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/environments/{id}/fleet/overview", Access.team(Role.VIEWER, environmentTeam), this::overview);
    }

    record NodesPart(long total, Map<String, Long> byStatus, long maintenance) {
    }

    record PipelinesPart(int defined, int deployed, Map<String, Long> runsByStatus) {
    }

    record LivePart(double eventsInPerSec, double eventsOutPerSec, double errorsPerSec, double discardedPerSec, int nodesReporting) {
    }

    record PointPart(Instant t, double eventsInPerSec, double eventsOutPerSec, double errorsPerSec, double discardedPerSec) {
    }

    record VersionCount(String version, long nodes) {
    }

    record AgentsPart(List<VersionCount> versions, String newestRelease, String majority, String target, long staleNodes) {
    }

    record UpdatePart(String version, long pending, long succeeded, long failed, Instant lastRequestedAt) {
        static UpdatePart fromDomain(UpdateTally u) {
            return new UpdatePart(u.version(), u.pending(), u.succeeded(), u.failed(), u.lastRequestedAt());
        }
    }

    record AttentionItemPart(String kind, String nodeId, String hostname, String pipelineId, String pipelineName, String status,
                             String reason, String agentVersion) {
        static AttentionItemPart fromDomain(FleetOverviewQueries.AttentionItem i) {
            return new AttentionItemPart(i.kind().name(), i.nodeId().toString(), i.hostname(), i.pipelineId().map(Object::toString).orElse(null),
                    i.pipelineName(), i.status(), i.reason(), i.agentVersion());
        }
    }

    record AttentionPart(long total, int limit, List<AttentionItemPart> items) {
    }

    /** The JSON answer of the dashboard; statuses with no node or pipeline count 0. */
    record OverviewResponse(Instant generatedAt, String range, Instant from, Instant to, long step, NodesPart nodes, PipelinesPart pipelines,
                            LivePart live, List<PointPart> series, AgentsPart agents, List<UpdatePart> updates, AttentionPart attention) {
        static OverviewResponse fromDomain(String range, Instant from, Instant to, FleetOverview o) {
            Map<String, Long> nodes = new LinkedHashMap<>();
            for (NodeStatus s : NodeStatus.values()) {
                nodes.put(s.name(), o.nodesByStatus().getOrDefault(s.name(), 0L));
            }
            Map<String, Long> runs = new LinkedHashMap<>();
            for (PipelineRunStatus s : PipelineRunStatus.values()) {
                runs.put(s.name(), o.pipelineRunsByStatus().getOrDefault(s.name(), 0L));
            }
            var a = o.agents();
            var l = o.live();
            return new OverviewResponse(o.at(), range, from, to, o.step().toSeconds(), new NodesPart(o.nodes(), nodes, o.nodesInMaintenance()),
                    new PipelinesPart(o.pipelines(), o.deployedPipelines(), runs),
                    new LivePart(l.eventsInPerSec(), l.eventsOutPerSec(), l.errorsPerSec(), l.discardedPerSec(), l.nodesReporting()),
                    o.series().stream().map(p -> new PointPart(p.at(), p.eventsInPerSec(), p.eventsOutPerSec(), p.errorsPerSec(),
                            p.discardedPerSec())).toList(),
                    new AgentsPart(a.nodesByVersion().entrySet().stream().map(e -> new VersionCount(e.getKey(), e.getValue())).toList(),
                            a.newestRelease().orElse(null), a.majority().orElse(null), a.target().orElse(null), a.staleNodes()),
                    o.updates().stream().map(UpdatePart::fromDomain).toList(),
                    new AttentionPart(o.attention().total(), FleetOverviewQueries.ATTENTION_LIMIT,
                            o.attention().items().stream().map(AttentionItemPart::fromDomain).toList()));
        }
    }

    private void overview(Context ctx) throws NotFoundFailure {
        EnvironmentId environment = EnvironmentId.parse("id", ctx.pathParam("id"));
        String name = ctx.queryParam("range") == null || ctx.queryParam("range").isBlank() ? "1h" : ctx.queryParam("range").strip();
        Range range = RANGES.get(name);
        if (range == null) {
            throw new InvalidValueException("range", "must be one of 15m, 1h, 6h, 24h, 7d but was '" + cut(name) + "'");
        }
        Instant to = clock.instant();
        // whole steps, so that the first bucket is not a sliver of one
        Instant from = Instant.ofEpochSecond(Math.floorDiv(to.minus(range.span()).getEpochSecond(), range.step().toSeconds())
                * range.step().toSeconds()).truncatedTo(ChronoUnit.SECONDS);
        ctx.json(OverviewResponse.fromDomain(name, from, to, queries.overview(environment, from, to, range.step())));
    }

    private static String cut(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }

}
