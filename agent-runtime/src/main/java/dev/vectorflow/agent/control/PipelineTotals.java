package dev.vectorflow.agent.control;

import dev.vectorflow.agent.pipeline.PipelineView;
import dev.vectorflow.ports.protocol.ComponentMetrics;
import dev.vectorflow.ports.protocol.PipelineReport;
import dev.vectorflow.ports.out.vector.runtime.VectorConfigRules;
import java.util.List;
import java.util.function.Function;

/**
 * Pipeline totals from component counters: events/bytes in are what the sources received, out what the sinks sent;
 * errors and discarded events are summed over all components. The agent's own {@code vf_} sidecar is left out.
 */
public final class PipelineTotals {

    private PipelineTotals() {
    }

    public static List<ComponentMetrics> withoutSidecar(List<ComponentMetrics> metrics) {
        return metrics.stream().filter(m -> !m.componentId().startsWith(VectorConfigRules.RESERVED_PREFIX)).toList();
    }

    /** The report of one pipeline: the view's state plus the totals and components of {@code scraped} (null when the scrape failed). */
    public static PipelineReport report(PipelineView v, List<ComponentMetrics> scraped) {
        if (scraped == null) {
            return new PipelineReport(v.pipelineId(), v.version(), v.checksum(), v.status(), v.pid(), v.uptimeSeconds(),
                    null, null, null, null, null, null, List.of(), v.error());
        }
        List<ComponentMetrics> components = withoutSidecar(scraped);
        return new PipelineReport(v.pipelineId(), v.version(), v.checksum(), v.status(), v.pid(), v.uptimeSeconds(),
                sum(components, "source", ComponentMetrics::receivedEvents), sum(components, "sink", ComponentMetrics::sentEvents),
                sum(components, "source", ComponentMetrics::receivedBytes), sum(components, "sink", ComponentMetrics::sentBytes),
                sum(components, null, ComponentMetrics::errorsTotal), sum(components, null, ComponentMetrics::discardedEvents),
                components, v.error());
    }

    private static long sum(List<ComponentMetrics> components, String kind, Function<ComponentMetrics, Long> field) {
        return components.stream().filter(c -> kind == null || kind.equals(c.componentKind()))
                .map(field).mapToLong(v -> v == null ? 0 : v).sum();
    }
}
