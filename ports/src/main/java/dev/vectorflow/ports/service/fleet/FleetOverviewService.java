package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.core.fleet.AgentVersionBaseline;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.fleet.FleetOverviewQueries;
import dev.vectorflow.ports.out.fleet.AgentReleaseRepository;
import dev.vectorflow.ports.out.fleet.EnvironmentPlan;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.FlowBucket;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.NodeRow;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.Page;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.PipelineRow;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Locale;

/**
 * The fleet dashboard of an environment: counts and the attention list from a few aggregate queries, live rates from
 * {@link LiveTelemetry}, the chart from the stored rollups.
 */
public final class FleetOverviewService implements FleetOverviewQueries {

    /** Most distinct agent versions looked at (a real fleet has a handful); the answer lists the most common 20. */
    static final int VERSIONS_READ = 1000;
    static final int VERSIONS_LISTED = 20;
    static final int UPDATES_LISTED = 10;
    /** Most chart points one overview answers. */
    static final int MAX_POINTS = 2000;

    private final Transactions transactions;
    private final EnvironmentRepository environments;
    private final FleetOverviewRepository overview;
    private final AgentReleaseRepository releases;
    private final DesiredStates desiredStates;
    private final LiveTelemetry live;
    private final FleetTuning settings;
    private final Clock clock;

    public FleetOverviewService(Transactions transactions, EnvironmentRepository environments,
                                FleetOverviewRepository overview, AgentReleaseRepository releases, DesiredStates desiredStates,
                                LiveTelemetry live, FleetTuning settings, Clock clock) {
        this.transactions = transactions;
        this.environments = environments;
        this.overview = overview;
        this.releases = releases;
        this.desiredStates = desiredStates;
        this.live = live;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public FleetOverview overview(EnvironmentId environment, Instant from, Instant to, Duration step) throws NotFoundFailure {
        if (!from.isBefore(to)) {
            throw new InvalidValueException("from", "must be before 'to'");
        }
        if (step.compareTo(Duration.ofMinutes(1)) < 0 || Duration.between(from, to).dividedBy(step) > MAX_POINTS) {
            throw new InvalidValueException("step", "must be at least 60 seconds and give at most " + MAX_POINTS + " points");
        }
        Instant now = clock.instant();
        EnvironmentPlan plan = desiredStates.plan(environment);
        LiveFlow liveFlow = live.flow(plan.pipelineNames().keySet(), now.minus(settings.pollInterval().multipliedBy(3)));
        return transactions.inTransaction(() -> {
            environments.findById(environment).orElseThrow(() -> new NotFoundFailure("Environment", environment));
            FleetOverviewRepository.NodeTally tally = overview.nodeTally(environment);
            Map<String, Long> versions = overview.nodesByAgentVersion(environment, VERSIONS_READ);
            AgentVersionBaseline baseline = AgentVersionBaseline.of(versions, releases.findAll().stream().map(AgentRelease::version).toList());
            Set<String> stale = new HashSet<>();
            long staleNodes = 0;
            for (Map.Entry<String, Long> v : versions.entrySet()) {
                if (baseline.isStale(v.getKey())) {
                    stale.add(v.getKey());
                    staleNodes += v.getValue();
                }
            }
            Map<String, Long> listed = new LinkedHashMap<>();
            versions.entrySet().stream().limit(VERSIONS_LISTED).forEach(e -> listed.put(e.getKey(), e.getValue()));
            AgentVersions agents = new AgentVersions(listed, baseline.newestRelease(), baseline.majority(), baseline.target(), staleNodes);
            List<FlowPoint> series = overview.flow(environment, from, to, step).stream().map(b -> point(b, step)).toList();
            long total = tally.byStatus().values().stream().mapToLong(Long::longValue).sum();
            return new FleetOverview(now, total, tally.byStatus(), tally.inMaintenance(), overview.pipelineRunsByStatus(environment),
                    plan.pipelineNames().size(), plan.deployed().size(), liveFlow, step, series, agents,
                    overview.updates(environment, UPDATES_LISTED), attention(environment, stale, baseline));
        });
    }

    /** Per second of the time the bucket's rollups cover, so that a bucket still filling is not shown as a drop. */
    private static FlowPoint point(FlowBucket b, Duration step) {
        double seconds = Math.max(1, Math.min(step.toSeconds(), b.seconds()));
        return new FlowPoint(b.at(), b.eventsIn() / seconds, b.eventsOut() / seconds, b.errors() / seconds, b.discarded() / seconds);
    }

    /** Pipelines and nodes merged by urgency, each kind read capped; the total counts every row of both. */
    private Attention attention(EnvironmentId environment, Set<String> stale, AgentVersionBaseline baseline) {
        Page<NodeRow> nodeRows = overview.nodesNeedingAttention(environment, stale, ATTENTION_LIMIT);
        Page<PipelineRow> pipelineRows = overview.pipelinesNeedingAttention(environment, ATTENTION_LIMIT);
        List<AttentionItem> items = new ArrayList<>();
        String target = baseline.target().orElse("");
        for (NodeRow n : nodeRows.rows()) {
            AttentionKind kind = switch (n.status()) {
                case "UNREACHABLE" -> AttentionKind.NODE_UNREACHABLE;
                case "DEGRADED" -> AttentionKind.NODE_DEGRADED;
                default -> AttentionKind.AGENT_STALE;
            };
            String reason = kind == AttentionKind.AGENT_STALE ? "agent " + show(n.agentVersion()) + " is older than " + target
                    : n.statusReason() + (stale.contains(n.agentVersion()) ? "; agent " + show(n.agentVersion()) + " is older than " + target : "");
            items.add(new AttentionItem(kind, n.nodeId(), n.hostname(), Optional.empty(), "", n.status(), reason, n.agentVersion()));
        }
        for (PipelineRow p : pipelineRows.rows()) {
            AttentionKind kind = "FAILED".equals(p.status()) ? AttentionKind.PIPELINE_FAILED : AttentionKind.PIPELINE_CRASH_LOOP;
            items.add(new AttentionItem(kind, p.nodeId(), p.hostname(), Optional.of(p.pipelineId()), p.pipelineName(), p.status(),
                    firstLine(p.error()), p.agentVersion()));
        }
        items.sort(Comparator.comparing(AttentionItem::kind).thenComparing(i -> i.hostname().toLowerCase(Locale.ROOT))
                .thenComparing(AttentionItem::pipelineName));
        return new Attention(nodeRows.total() + pipelineRows.total(), items.subList(0, Math.min(ATTENTION_LIMIT, items.size())));
    }

    private static String show(String version) {
        return version == null || version.isBlank() ? "(no version)" : version;
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }

}
