package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.alert.AlertInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fake of {@link AlertInputs}: lists the test fills; counts the reads, so tests can hold the reader to one per round. */
public final class InMemoryAlertInputs implements AlertInputs {

    public final List<ReportedState> states = new ArrayList<>();
    public final List<AgentUpdate> updates = new ArrayList<>();
    public final List<LogLine> logs = new ArrayList<>();
    public final List<ComponentMinuteTotals> minutes = new ArrayList<>();
    public int rollupReads;
    public int logReads;

    @Override
    public List<ReportedState> reportedStates(Set<EnvironmentId> environments) {
        return states.stream().filter(s -> environments.contains(s.environment())).toList();
    }

    @Override
    public List<AgentUpdate> lastAgentUpdates(Set<EnvironmentId> environments) {
        Map<Object, AgentUpdate> last = new HashMap<>();
        for (AgentUpdate u : updates) {
            if (environments.contains(u.environment())) {
                last.merge(u.node(), u, (a, b) -> b.settledAt().isAfter(a.settledAt()) ? b : a);
            }
        }
        return List.copyOf(last.values());
    }

    /** A line with the next sequence number. */
    public void log(EnvironmentId environment, dev.vectorflow.core.fleet.NodeId node, PipelineId pipeline, String line) {
        logs.add(new LogLine(lastLogSeq() + 1, environment, node, pipeline, line));
    }

    @Override
    public long lastLogSeq() {
        return logs.stream().mapToLong(LogLine::seq).max().orElse(0);
    }

    @Override
    public List<LogLine> logsBetween(Set<EnvironmentId> environments, long afterSeq, long upToSeq, int perNode) {
        logReads++;
        Map<Object, List<LogLine>> byNode = new HashMap<>();
        for (LogLine l : logs) {
            if (l.seq() > afterSeq && l.seq() <= upToSeq && environments.contains(l.environment())) {
                byNode.computeIfAbsent(l.node(), n -> new ArrayList<>()).add(l);
            }
        }
        List<LogLine> kept = new ArrayList<>();
        byNode.values().forEach(lines -> kept.addAll(lines.subList(Math.max(0, lines.size() - perNode), lines.size())));
        kept.sort(Comparator.comparingLong(LogLine::seq));
        return kept;
    }

    @Override
    public List<ComponentMinuteTotals> componentMinutes(Set<PipelineId> pipelines, Instant from, Instant to) {
        rollupReads++;
        return minutes.stream().filter(m -> pipelines.contains(m.pipeline()) && !m.minute().isBefore(from) && m.minute().isBefore(to)).toList();
    }
}
