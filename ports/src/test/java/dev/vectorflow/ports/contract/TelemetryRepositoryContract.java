package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.LogLine;
import dev.vectorflow.ports.out.node.NodeRepository.StatusTransition;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredLogLine;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredPipelineState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TelemetryRepository} must do with what the heartbeat writer stored: pipeline states by node and by
 * pipeline, series per step bucket, the newest log lines, and retention. Run against the in-memory fakes and PostgreSQL.
 */
public abstract class TelemetryRepositoryContract extends TelemetryStoreContract {

    /** The hourly roll-up keeps one mark for the whole store: this test's hours lie after every other test's. */
    private static final Instant LATER = Instant.parse("2031-03-01T00:00:00Z");

    private TelemetryRepository telemetry() {
        return store().telemetry();
    }

    private static Instant minute(int n) {
        return T0.plus(Duration.ofMinutes(n));
    }

    @Test
    void givenStatesOfAPipelineOnTwoNodes_thenPipelineStatesOf_returnsBoth_andPipelineStates_onlyTheNodesOwn() {
        EnvironmentId environment = newEnvironment();
        Node web1 = newNode(environment, "web-1");
        Node web2 = newNode(environment, "web-2");
        PipelineId shared = anyPipeline();
        PipelineId own = anyPipeline();
        write(withStates(web1.id(), T0, List.of(state(shared, 1, PipelineRunStatus.RUNNING, ""), state(own, 1, PipelineRunStatus.RUNNING, "")),
                        Optional.empty()),
                withStates(web2.id(), T0, List.of(state(shared, 2, PipelineRunStatus.CRASH_LOOP, "exit 78")), Optional.empty()));

        assertThat(read(() -> telemetry().pipelineStatesOf(shared))).extracting(StoredPipelineState::nodeId, StoredPipelineState::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(web1.id(), "RUNNING"),
                        org.assertj.core.groups.Tuple.tuple(web2.id(), "CRASH_LOOP"));
        assertThat(read(() -> telemetry().pipelineStates(web1.id()))).extracting(StoredPipelineState::pipelineId)
                .containsExactlyInAnyOrder(shared, own);
        assertThat(read(() -> telemetry().pipelineStates(web2.id()))).extracting(StoredPipelineState::pipelineId).containsExactly(shared);
    }

    @Test
    void pipelineStatesOfSeveralNodes_returnsTheirStatesOnly_inOneRead() {
        EnvironmentId environment = newEnvironment();
        Node web1 = newNode(environment, "many-1");
        Node web2 = newNode(environment, "many-2");
        Node other = newNode(environment, "many-3");
        PipelineId shared = anyPipeline();
        write(withStates(web1.id(), T0, List.of(state(shared, 1, PipelineRunStatus.RUNNING, "")), Optional.empty()),
                withStates(web2.id(), T0, List.of(state(shared, 2, PipelineRunStatus.RUNNING, "")), Optional.empty()),
                withStates(other.id(), T0, List.of(state(shared, 2, PipelineRunStatus.RUNNING, "")), Optional.empty()));

        assertThat(read(() -> telemetry().pipelineStates(List.of(web1.id(), web2.id())))).extracting(StoredPipelineState::nodeId)
                .containsExactlyInAnyOrder(web1.id(), web2.id());
        assertThat(read(() -> telemetry().pipelineStates(List.<dev.vectorflow.core.fleet.NodeId>of()))).isEmpty();
    }

    @Test
    void givenManyLogLines_thenLogs_returnsTheNewestLimitAfterTheGivenSequence_oldestFirst_andOfOnePipelineWhenAsked() {
        Node node = newNode(newEnvironment(), "logs-2");
        PipelineId a = anyPipeline();
        PipelineId b = anyPipeline();
        write(withLogs(node.id(), T0, new LogLine(a, T0, "a1"), new LogLine(b, T0, "b1"), new LogLine(a, T0, "a2"), new LogLine(b, T0, "b2"),
                new LogLine(a, T0, "a3")));

        List<StoredLogLine> all = read(() -> telemetry().logs(node.id(), Optional.empty(), 0, 100));
        assertThat(all).extracting(StoredLogLine::line).containsExactly("a1", "b1", "a2", "b2", "a3");
        assertThat(read(() -> telemetry().logs(node.id(), Optional.empty(), 0, 2))).extracting(StoredLogLine::line).containsExactly("b2", "a3");
        assertThat(read(() -> telemetry().logs(node.id(), Optional.empty(), all.get(2).seq(), 100))).extracting(StoredLogLine::line)
                .containsExactly("b2", "a3");
        assertThat(read(() -> telemetry().logs(node.id(), Optional.of(a), 0, 2))).extracting(StoredLogLine::line).containsExactly("a2", "a3");
        assertThat(read(() -> telemetry().logs(node.id(), Optional.of(b), 0, 100))).extracting(StoredLogLine::pipelineId).containsOnly(b);
        assertThat(read(() -> telemetry().logs(node.id(), Optional.empty(), all.getLast().seq(), 100))).isEmpty();
    }

    @Test
    void givenHostMinutes_thenHostSeries_averagesEachStepBucket_withinFromInclusiveAndToExclusive_ofThatNodeOnly() {
        EnvironmentId environment = newEnvironment();
        Node node = newNode(environment, "host-1");
        Node other = newNode(environment, "host-2");
        writeRollups(List.of(hostMinute(node.id(), minute(0), 10.0, 100L), hostMinute(node.id(), minute(1), 30.0, 300L),
                hostMinute(node.id(), minute(5), 50.0, 500L), hostMinute(node.id(), minute(10), 70.0, 700L),
                hostMinute(other.id(), minute(0), 99.0, 999L)), List.of());

        List<HostMinute> series = read(() -> telemetry().hostSeries(node.id(), minute(0), minute(10), Duration.ofMinutes(5)));

        assertThat(series).extracting(HostMinute::minute, HostMinute::samples, HostMinute::cpuPercent, HostMinute::memoryUsedBytes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(minute(0), 8, 20.0, 200L),
                        org.assertj.core.groups.Tuple.tuple(minute(5), 4, 50.0, 500L));
    }

    @Test
    void givenComponentMinutes_thenComponentSeries_sumsEachComponentPerStepBucket_orderedByComponentThenTime() {
        PipelineId pipeline = anyPipeline();
        PipelineId other = anyPipeline();
        writeRollups(List.of(), List.of(componentMinute(pipeline, "out", "sink", minute(0), 0, 5, 0, 0),
                componentMinute(pipeline, "in", "source", minute(0), 10, 10, 1, 0), componentMinute(pipeline, "in", "source", minute(1), 20, 20, 0, 1),
                componentMinute(pipeline, "in", "source", minute(2), 40, 40, 0, 0), componentMinute(other, "in", "source", minute(0), 1000, 0, 0, 0)));

        assertThat(read(() -> telemetry().componentSeries(pipeline, minute(0), minute(4), Duration.ofMinutes(2))))
                .containsExactly(componentMinute(pipeline, "in", "source", minute(0), 30, 30, 1, 1),
                        componentMinute(pipeline, "in", "source", minute(2), 40, 40, 0, 0),
                        componentMinute(pipeline, "out", "sink", minute(0), 0, 5, 0, 0));
    }

    @Test
    void givenOldAndNewTelemetry_whenRetentionIsEnforced_thenOnlyWhatIsPastItGoes_andAtMostTheCapOfLinesPerPipelineIsKept() {
        Node node = newNode(newEnvironment(), "retention-1");
        PipelineId pipeline = anyPipeline();
        Instant old = T0.minus(Duration.ofHours(2));
        Instant cut = T0.minus(Duration.ofHours(1));
        write(withLogs(node.id(), old, new LogLine(pipeline, old, "old")),
                withLogs(node.id(), T0, new LogLine(pipeline, T0, "n1"), new LogLine(pipeline, T0, "n2"), new LogLine(pipeline, T0, "n3")));
        writeRollups(List.of(hostMinute(node.id(), old, 10.0, 100L), hostMinute(node.id(), T0, 20.0, 200L)),
                List.of(componentMinute(pipeline, "in", "source", old, 1, 1, 0, 0), componentMinute(pipeline, "in", "source", T0, 2, 2, 0, 0)));

        assertThat(inTransaction(() -> telemetry().enforceRetention(cut, cut, 2))).isGreaterThanOrEqualTo(4);

        assertThat(read(() -> telemetry().logs(node.id(), Optional.empty(), 0, 100))).extracting(StoredLogLine::line).containsExactly("n2", "n3");
        assertThat(read(() -> telemetry().hostSeries(node.id(), old, T0.plusSeconds(60), Duration.ofMinutes(1))))
                .extracting(HostMinute::minute).containsExactly(T0);
        assertThat(read(() -> telemetry().componentSeries(pipeline, old, T0.plusSeconds(60), Duration.ofMinutes(1))))
                .extracting(ComponentMinute::minute).containsExactly(T0);
    }

    @Test
    void givenSettledActionsAndStatusTransitionsPastRetention_whenEnforced_thenTheyGo_andPendingActionsAndNewerTransitionsStay() {
        Node node = newNode(newEnvironment(), "retention-2");
        Instant old = T0.plus(Duration.ofHours(1));
        Instant cut = T0.plus(Duration.ofHours(2));
        Instant now = T0.plus(Duration.ofHours(3));
        String settled = "settled-" + node.id();
        String pending = "pending-" + node.id();
        inTransaction(() -> {
            store().nodeActions().insert(node.id(), new OneShotAction.Restart(settled, anyPipeline()), old.minusSeconds(60), "test");
            store().nodeActions().insert(node.id(), new OneShotAction.Restart(pending, anyPipeline()), old.minusSeconds(30), "test");
        });
        write(new HeartbeatWrite(node.id(), old, NodeStatus.DEGRADED, "old trouble", Optional.empty(), List.of(), Optional.empty(), List.of(),
                List.of(), List.of(new HeartbeatWrite.ActionSettlement(settled, true, "restarted")), Optional.empty()));
        write(heartbeat(node.id(), now, NodeStatus.HEALTHY, "heartbeat"));

        inTransaction(() -> telemetry().enforceRetention(cut, cut, 100));

        assertThat(read(() -> store().nodeActions().recent(node.id(), 10))).extracting(a -> a.action().id()).containsExactly(pending);
        assertThat(read(() -> nodeStore().transitions(node.id(), 10))).extracting(StatusTransition::at).containsExactly(now);
    }

    @Test
    void givenSamplesOfSeveralPipelinesAndComponents_latestSamples_returnsTheNewestWithEventsOfThoseComponentsOfThatPipelineOnly() {
        EnvironmentId environment = newEnvironment();
        Node a = newNode(environment, "sampler-a");
        Node b = newNode(environment, "sampler-b");
        PipelineId pipeline = anyPipeline();
        PipelineId other = anyPipeline();
        String r1 = java.util.UUID.randomUUID().toString();
        String r2 = java.util.UUID.randomUUID().toString();
        String r3 = java.util.UUID.randomUUID().toString();
        inTransaction(() -> {
            store().nodeActions().insert(a.id(), new OneShotAction.Sample("act-1-" + a.id(), r1, pipeline, List.of("in"), 5), T0, "t");
            store().nodeActions().insert(b.id(), new OneShotAction.Sample("act-2-" + b.id(), r2, pipeline, List.of("in", "parse"), 5),
                    T0, "t");
            store().nodeActions().insert(a.id(), new OneShotAction.Sample("act-3-" + a.id(), r3, other, List.of("in"), 5), T0, "t");
        });
        write(samples(a.id(), T0.plusSeconds(10), new EventSample(r1, "in", List.of(java.util.Map.of("m", "old")), List.of(), null)),
                samples(b.id(), T0.plusSeconds(20), new EventSample(r2, "in", List.of(java.util.Map.of("m", "new")), List.of(), null),
                        new EventSample(r2, "parse", List.of(java.util.Map.of("m", "parsed")), List.of(), null)),
                samples(a.id(), T0.plusSeconds(30), new EventSample(r3, "in", List.of(java.util.Map.of("m", "other")), List.of(), null)));

        assertThat(read(() -> telemetry().latestSamples(pipeline, List.of("in"), 10))).extracting(EventSample::events)
                .containsExactly(List.of(java.util.Map.of("m", "new")), List.of(java.util.Map.of("m", "old")));
        assertThat(read(() -> telemetry().latestSamples(pipeline, List.of("in"), 1))).hasSize(1);
        assertThat(read(() -> telemetry().latestSamples(pipeline, List.of(), 10))).isEmpty();
    }

    private static HeartbeatWrite samples(NodeId node, Instant at, EventSample... results) {
        return new HeartbeatWrite(node, at, NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(), Optional.empty(), List.of(),
                List.of(results), List.of(), Optional.empty());
    }

    @Test
    void givenMinuteRollups_whenRolledUpToHours_thenSpansOverTwoDaysReadTheHours_andRollingUpAgainAddsNothing() {
        Node node = newNode(newEnvironment(), "hours-1");
        PipelineId pipeline = anyPipeline();
        Instant hour = LATER.plus(Duration.ofHours(3));
        writeRollups(List.of(hostMinute(node.id(), hour, 10.0, 100L), hostMinute(node.id(), hour.plus(Duration.ofMinutes(30)), 30.0, 300L),
                        hostMinute(node.id(), hour.plus(Duration.ofMinutes(70)), 50.0, 500L)),
                List.of(componentMinute(pipeline, "in", "source", hour, 10, 10, 0, 0),
                        componentMinute(pipeline, "in", "source", hour.plus(Duration.ofMinutes(59)), 20, 20, 1, 0)));
        Instant from = LATER;
        Instant to = LATER.plus(Duration.ofDays(3));

        assertThat(read(() -> telemetry().hostSeries(node.id(), from, to, Duration.ofHours(1)))).as("nothing rolled up yet").isEmpty();
        inTransaction(() -> telemetry().rollUpHours(hour.plus(Duration.ofHours(1))));
        inTransaction(() -> telemetry().rollUpHours(hour.plus(Duration.ofHours(1))));

        assertThat(read(() -> telemetry().hostSeries(node.id(), from, to, Duration.ofHours(1))))
                .extracting(HostMinute::minute, HostMinute::samples, HostMinute::cpuPercent, HostMinute::memoryUsedBytes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(hour, 8, 20.0, 200L));
        assertThat(read(() -> telemetry().componentSeries(pipeline, from, to, Duration.ofHours(1))))
                .containsExactly(componentMinute(pipeline, "in", "source", hour, 30, 30, 1, 0));
        assertThat(read(() -> telemetry().hostSeries(node.id(), hour, hour.plus(Duration.ofHours(2)), Duration.ofHours(1))))
                .as("a short span still reads the minutes").extracting(HostMinute::samples).containsExactly(8, 4);
    }

    private <T> T read(java.util.function.Supplier<T> query) {
        return inTransaction(query);
    }
}
