package dev.vectorflow.ports.service.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.ComponentCounters;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.HostReading;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import java.util.Set;

class LiveTelemetryTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:05Z");
    private final LiveTelemetry live = new LiveTelemetry();
    private final NodeId node = new NodeId(UUID.randomUUID());
    private final NodeId other = new NodeId(UUID.randomUUID());
    private final PipelineId pipeline = new PipelineId(UUID.randomUUID());

    private static List<ComponentCounters> source(long events) {
        return List.of(new ComponentCounters("src", "source", events, events, events * 10, events * 10, 0L, 0L));
    }

    private void report(NodeId who, Instant at, long events) {
        live.recordPipeline(who, pipeline, at, LiveTelemetry.counters(events, events, null, null, 0L, 0L), source(events));
    }

    @Test
    void givenGrowingCounters_ratesAndMinuteRollupsFollow_andAResetCountsFromZero() {
        report(node, T0, 100);
        report(node, T0.plusSeconds(10), 300);
        assertThat(live.live(node, pipeline).orElseThrow().eventsInPerSec()).isEqualTo(20.0);
        // the process restarted: 50 since the restart, not -250
        report(node, T0.plusSeconds(20), 50);
        assertThat(live.live(node, pipeline).orElseThrow().eventsInPerSec()).isEqualTo(5.0);
        report(other, T0, 0);
        report(other, T0.plusSeconds(10), 100);
        assertThat(live.liveComponents(pipeline, T0).get("src").eventsInPerSec()).isEqualTo(15.0);

        assertThat(live.drainFinishedMinutes(T0.plusSeconds(30)).components()).isEmpty();
        // a minute is taken one minute after it ended (late heartbeats of that minute may still be adding to it)
        assertThat(live.drainFinishedMinutes(T0.plusSeconds(60)).components()).isEmpty();
        var rollups = live.drainFinishedMinutes(T0.plusSeconds(120));
        assertThat(rollups.components()).hasSize(1);
        assertThat(rollups.components().getFirst().eventsIn()).isEqualTo(200 + 50 + 100);
        assertThat(rollups.components().getFirst().componentKind()).isEqualTo("source");
        assertThat(live.drainFinishedMinutes(T0.plusSeconds(180)).components()).isEmpty();
    }

    @Test
    void givenNodesOfSeveralPipelines_theFlowOfAnEnvironmentSumsItsPipelinesOnNodesHeardFromLately() {
        PipelineId elsewhere = new PipelineId(UUID.randomUUID());
        NodeId quiet = new NodeId(UUID.randomUUID());
        report(node, T0, 0);
        report(node, T0.plusSeconds(10), 100);
        report(other, T0, 0);
        report(other, T0.plusSeconds(10), 50);
        live.recordPipeline(other, elsewhere, T0.plusSeconds(10), LiveTelemetry.counters(0L, 0L, null, null, 0L, 0L), source(0));
        live.recordPipeline(other, elsewhere, T0.plusSeconds(20), LiveTelemetry.counters(1000L, 1000L, null, null, 0L, 0L), source(1000));
        report(quiet, T0.minusSeconds(600), 0);
        report(quiet, T0.minusSeconds(590), 5000);

        var flow = live.flow(Set.of(pipeline), T0);
        assertThat(flow.eventsInPerSec()).isEqualTo(15.0);
        assertThat(flow.nodesReporting()).isEqualTo(2);
        assertThat(live.flow(Set.of(pipeline, elsewhere), T0).eventsInPerSec()).isEqualTo(115.0);
        assertThat(live.flow(Set.of(), T0).nodesReporting()).isZero();
    }

    @Test
    void givenHostCounters_cpuAndNetworkBecomeRates() {
        live.recordHost(node, T0, new HostReading(100.0, 80.0, 0.5, null, null, 1000L, 400L, 600L, null, null, null, 0L, 0L, 1000L, 0L));
        live.recordHost(node, T0.plusSeconds(10), new HostReading(120.0, 95.0, 0.7, null, null, 1000L, 600L, 400L, null, null, null, 0L, 0L,
                6000L, 0L));
        assertThat(live.host(node).orElseThrow().cpuPercent()).isEqualTo(25.0);
        var minute = live.drainFinishedMinutes(T0.plusSeconds(120)).host().getFirst();
        assertThat(minute.samples()).isEqualTo(2);
        assertThat(minute.netRxBytesPerSec()).isEqualTo(500.0);
        assertThat(minute.memoryUsedBytes()).isEqualTo(500L);
        assertThat(minute.cpuPercent()).isEqualTo(25.0);
    }

    @Test
    void aNodesFirstReportOfANewMinute_closesItsHostMinute_andAQuietNodesMinuteIsClosedAMinuteLate() {
        HostReading host = new HostReading(1.0, 1.0, 0.5, null, null, 1000L, 400L, 600L, null, null, null, 0L, 0L, 0L, 0L);
        live.recordHost(node, T0, host);
        live.recordHost(other, T0, host);
        live.recordHost(node, T0.plusSeconds(20), host);
        assertThat(live.drainFinishedMinutes(T0.plusSeconds(30)).host()).isEmpty();
        // node reports in 12:01: its 12:00 is complete and leaves at once; other is quiet until 12:02 has begun
        live.recordHost(node, T0.plusSeconds(60), host);
        var closed = live.drainFinishedMinutes(T0.plusSeconds(61)).host();
        assertThat(closed).singleElement().satisfies(m -> {
            assertThat(m.nodeId()).isEqualTo(node);
            assertThat(m.minute()).isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
            assertThat(m.samples()).isEqualTo(2);
            assertThat(m.loadAvg1()).isEqualTo(0.5);
        });
        var late = live.drainFinishedMinutes(T0.plusSeconds(120)).host();
        assertThat(late).singleElement().satisfies(m -> assertThat(m.nodeId()).isEqualTo(other));
        var last = live.drainFinishedMinutes(T0.plusSeconds(180)).host();
        assertThat(last).singleElement().satisfies(m -> {
            assertThat(m.nodeId()).isEqualTo(node);
            assertThat(m.minute()).isEqualTo(Instant.parse("2026-11-27T12:01:00Z"));
            assertThat(m.samples()).isEqualTo(1);
        });
        assertThat(live.drainFinishedMinutes(T0.plusSeconds(240)).host()).isEmpty();
        assertThat(live.host(node).orElseThrow().loadAvg1()).isEqualTo(0.5);
    }

    @Test
    void componentsNoLongerReported_areForgotten() {
        report(node, T0, 100);
        live.recordPipeline(node, pipeline, T0.plusSeconds(10), LiveTelemetry.counters(200L, 200L, null, null, 0L, 0L),
                List.of(new ComponentCounters("other", "sink", 5L, 5L, 1L, 1L, 0L, 0L)));
        assertThat(live.liveComponents(pipeline, T0).keySet()).containsExactly("other");
        assertThat(live.live(node, pipeline).orElseThrow().eventsInPerSec()).isEqualTo(10.0);
    }
}
