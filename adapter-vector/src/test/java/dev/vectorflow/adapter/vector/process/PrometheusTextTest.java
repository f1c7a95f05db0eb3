package dev.vectorflow.adapter.vector.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.protocol.ComponentMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String TEXT = """
            # HELP vector_component_sent_events_total component_sent_events_total
            # TYPE vector_component_sent_events_total counter
            vector_component_sent_events_total{component_id="route",component_kind="transform",component_type="route",host="h",output="errors"} 3 1795812537435
            vector_component_sent_events_total{component_id="route",component_kind="transform",component_type="route",host="h",output="_unmatched"} 7 1795812537435
            vector_component_received_events_total{component_id="route",component_kind="transform",component_type="route",host="h"} 10
            vector_component_received_event_bytes_total{component_id="route",component_kind="transform",component_type="route",host="h"} 1000
            vector_component_sent_event_bytes_total{component_id="route",component_kind="transform",component_type="route",host="h",output="errors"} 300
            vector_component_errors_total{component_id="out",component_kind="sink",component_type="http",error_type="request_failed",stage="sending",host="a \\"quoted\\" host"} 2
            vector_component_discarded_events_total{component_id="out",component_kind="sink",component_type="http",intentional="false",host="h"} 4
            vector_utilization{component_id="out",component_kind="sink",component_type="http",host="h"} 0.5
            vector_uptime_seconds{host="h"} 12
            """;

    @Test
    void seriesOfOneComponent_areSummedIntoItsCounters() {
        List<ComponentMetrics> metrics = PrometheusText.componentMetrics(TEXT);

        assertThat(metrics).containsExactly(
                new ComponentMetrics("route", "transform", 10L, 10L, 1000L, 300L, 0L, 0L),
                new ComponentMetrics("out", "sink", 0L, 0L, 0L, 0L, 2L, 4L));
    }

    @Test
    void labelsWithEscapedQuotes_areRead() {
        assertThat(PrometheusText.parse(TEXT)).anySatisfy(s -> assertThat(s.labels()).containsEntry("host", "a \"quoted\" host"));
        assertThat(PrometheusText.parse("garbage line\nvector_x{a=\"b\"} notanumber\n")).isEmpty();
    }
}
