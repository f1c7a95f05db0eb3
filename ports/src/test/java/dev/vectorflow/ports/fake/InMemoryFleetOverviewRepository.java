package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository;
import dev.vectorflow.ports.out.node.NodeActionRepository.StoredAction;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredPipelineState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Fake of {@link FleetOverviewRepository}: counts and lists over the in-memory nodes, pipeline states, rollups and actions. */
public final class InMemoryFleetOverviewRepository implements FleetOverviewRepository {

    private final InMemoryNodeRepository nodes;
    private final InMemoryPipelineRepository pipelines;
    private final InMemoryNodeActionRepository actions;
    private final InMemoryTelemetryRepository telemetry;

    public InMemoryFleetOverviewRepository(InMemoryNodeRepository nodes, InMemoryPipelineRepository pipelines,
                                           InMemoryNodeActionRepository actions, InMemoryTelemetryRepository telemetry) {
        this.nodes = nodes;
        this.pipelines = pipelines;
        this.actions = actions;
        this.telemetry = telemetry;
    }

    private static <T> Map<String, Long> count(List<T> rows, Function<T, String> key) {
        return rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    @Override
    public NodeTally nodeTally(EnvironmentId environment) {
        List<Node> all = nodes.findByEnvironment(environment);
        return new NodeTally(new LinkedHashMap<>(count(all, n -> n.status().name())), all.stream().filter(Node::maintenance).count());
    }

    @Override
    public Map<String, Long> nodesByAgentVersion(EnvironmentId environment, int limit) {
        Map<String, Long> byVersion = new LinkedHashMap<>();
        count(nodes.findByEnvironment(environment), Node::agentVersion).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).forEach(e -> byVersion.put(e.getKey(), e.getValue()));
        return byVersion;
    }

    private List<StoredPipelineState> states(EnvironmentId environment) {
        return nodes.findByEnvironment(environment).stream().flatMap(n -> telemetry.pipelineStates(n.id()).stream()).toList();
    }

    @Override
    public Map<String, Long> pipelineRunsByStatus(EnvironmentId environment) {
        return new LinkedHashMap<>(count(states(environment), StoredPipelineState::status));
    }

    private static int urgency(NodeStatus status) {
        return switch (status) {
            case UNREACHABLE -> 0;
            case DEGRADED -> 1;
            default -> 2;
        };
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    @Override
    public Page<NodeRow> nodesNeedingAttention(EnvironmentId environment, Set<String> staleVersions, int limit) {
        List<Node> matching = nodes.findByEnvironment(environment).stream()
                .filter(n -> n.status() != NodeStatus.HEALTHY || staleVersions.contains(n.agentVersion()))
                .sorted(Comparator.comparingInt((Node n) -> urgency(n.status())).thenComparing(n -> lower(n.hostname()))
                        .thenComparing(n -> n.id().value().toString()))
                .toList();
        return new Page<>(matching.size(), matching.stream().limit(limit)
                .map(n -> new NodeRow(n.id(), n.hostname(), n.status().name(), n.statusReason(), n.agentVersion())).toList());
    }

    @Override
    public Page<PipelineRow> pipelinesNeedingAttention(EnvironmentId environment, int limit) {
        List<PipelineRow> matching = new ArrayList<>();
        for (Node n : nodes.findByEnvironment(environment)) {
            for (StoredPipelineState s : telemetry.pipelineStates(n.id())) {
                if (s.status().equals("FAILED") || s.status().equals("CRASH_LOOP")) {
                    String name = pipelines.findById(s.pipelineId()).map(p -> p.name().value()).orElse("");
                    matching.add(new PipelineRow(n.id(), n.hostname(), n.agentVersion(), s.pipelineId(), name, s.status(), s.error()));
                }
            }
        }
        matching.sort(Comparator.comparingInt((PipelineRow r) -> r.status().equals("FAILED") ? 0 : 1).thenComparing(r -> lower(r.hostname()))
                .thenComparing(PipelineRow::pipelineName).thenComparing(r -> r.nodeId().value().toString()));
        return new Page<>(matching.size(), matching.stream().limit(limit).toList());
    }

    @Override
    public List<FlowBucket> flow(EnvironmentId environment, Instant from, Instant to, Duration step) {
        Set<PipelineId> ofEnvironment = pipelines.findByEnvironment(environment).stream().map(Pipeline::id).collect(Collectors.toSet());
        List<ComponentMinute> rows = telemetry.componentRows(from, to, step, ofEnvironment::contains);
        boolean hourly = telemetry.readsHours(from, to, step);
        long seconds = step.toSeconds();
        Map<Instant, List<ComponentMinute>> buckets = rows.stream().collect(Collectors.groupingBy(
                c -> Instant.ofEpochSecond(Math.floorDiv(c.minute().getEpochSecond(), seconds) * seconds), TreeMap::new, Collectors.toList()));
        List<FlowBucket> flow = new ArrayList<>();
        buckets.forEach((at, in) -> {
            long covered = in.stream().map(ComponentMinute::minute).distinct().count() * (hourly ? 3600 : 60);
            flow.add(new FlowBucket(at, in.stream().filter(c -> "source".equals(c.componentKind())).mapToLong(ComponentMinute::eventsIn).sum(),
                    in.stream().filter(c -> "sink".equals(c.componentKind())).mapToLong(ComponentMinute::eventsOut).sum(),
                    in.stream().mapToLong(ComponentMinute::errors).sum(), in.stream().mapToLong(ComponentMinute::discarded).sum(),
                    Math.min(seconds, covered)));
        });
        return flow;
    }

    @Override
    public List<UpdateTally> updates(EnvironmentId environment, int limit) {
        Map<String, List<StoredAction>> byVersion = new LinkedHashMap<>();
        for (Node n : nodes.findByEnvironment(environment)) {
            for (StoredAction a : actions.all(n.id())) {
                if (a.action() instanceof OneShotAction.Update u) {
                    byVersion.computeIfAbsent(u.targetVersion(), v -> new ArrayList<>()).add(a);
                }
            }
        }
        return byVersion.entrySet().stream().map(e -> new UpdateTally(e.getKey(),
                        e.getValue().stream().filter(a -> a.settledAt().isEmpty()).count(),
                        e.getValue().stream().filter(a -> a.resultStatus().filter("SUCCEEDED"::equals).isPresent()).count(),
                        e.getValue().stream().filter(a -> a.resultStatus().filter("FAILED"::equals).isPresent()).count(),
                        e.getValue().stream().map(StoredAction::createdAt).max(Comparator.naturalOrder()).orElseThrow()))
                .sorted(Comparator.comparing(UpdateTally::lastRequestedAt).reversed()).limit(limit).toList();
    }

    @Override
    public List<VersionChange> agentVersions(NodeId node, int limit) {
        return nodes.agentVersions(node, limit);
    }
}
