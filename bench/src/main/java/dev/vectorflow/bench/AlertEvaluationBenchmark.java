package dev.vectorflow.bench;

import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.alert.Comparison;
import dev.vectorflow.core.alert.MessageTemplate;
import dev.vectorflow.core.alert.NodeMetric;
import dev.vectorflow.core.alert.PipelineMetric;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.alert.Threshold;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.ComponentCounters;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.HostReading;
import dev.vectorflow.ports.service.alert.FleetReadings;
import dev.vectorflow.ports.service.alert.FleetReadingsReader;
import dev.vectorflow.ports.service.alert.RuleEvaluation;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Measures one alert evaluation round in memory: 1,000 rules (node metrics with and without selectors, pipeline and
 * component rates summed or per node, unreachable nodes) over 100,000 nodes in 10 environments, each node reporting host
 * gauges and 2 pipelines of 3 components into live telemetry. A round gathers the live readings (as the evaluator does)
 * and evaluates every rule against the alerts the previous round left; the database reads and writes of a round are not
 * in the figure. Prints the median, p90 and worst round in milliseconds against the 10 s evaluation interval.
 */
public final class AlertEvaluationBenchmark {

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private AlertEvaluationBenchmark() {
    }

    public static void main(String[] args) {
        int nodes = intArg(args, "--nodes", 100_000);
        int rulesTotal = intArg(args, "--rules", 1_000);
        int rounds = intArg(args, "--rounds", 10);
        int environments = 10;
        Random random = new Random(42);
        List<EnvironmentId> envs = new ArrayList<>();
        Map<EnvironmentId, List<PipelineId>> pipelines = new HashMap<>();
        for (int e = 0; e < environments; e++) {
            EnvironmentId env = new EnvironmentId(new UUID(1, e));
            envs.add(env);
            pipelines.put(env, List.of(new PipelineId(new UUID(2, e * 2L)), new PipelineId(new UUID(2, e * 2L + 1))));
        }
        LiveTelemetry live = new LiveTelemetry();
        List<NodeSetup> fleet = new ArrayList<>();
        long started = System.nanoTime();
        for (int n = 0; n < nodes; n++) {
            EnvironmentId env = envs.get(n % environments);
            NodeId id = new NodeId(new UUID(3, n));
            Labels labels = Labels.of(Map.of("role", n % 3 == 0 ? "web" : "worker", "zone", "z" + (n % 4)));
            fleet.add(new NodeSetup(env, id, labels, n % 997 == 0 ? NodeStatus.UNREACHABLE : NodeStatus.HEALTHY, n % 1009 == 0));
            for (int beat = 0; beat < 2; beat++) {
                Instant at = T0.plusSeconds(15L * beat);
                // about 1 node in 50 to 100 is past each kind of threshold, as in a fleet that is mostly fine
                double busy = n % 50 == 0 ? 0.97 : random.nextDouble() * 0.7;
                double memory = n % 60 == 0 ? 0.97 : random.nextDouble() * 0.75;
                double disk = n % 70 == 0 ? 0.97 : random.nextDouble() * 0.75;
                double load = n % 80 == 0 ? 6 : random.nextDouble() * 2;
                long netIn = (n % 100 == 0 ? 10_000_000L : 100_000L) * beat;
                live.recordHost(id, at, new HostReading(1000.0 * beat, 1000.0 * beat * (1 - busy), load, null, null,
                        16_000_000_000L, (long) (16_000_000_000L * memory), null, 100_000_000_000L, (long) (100_000_000_000L * disk), null, 0L,
                        0L, netIn, 500_000L * beat));
                for (PipelineId p : pipelines.get(env)) {
                    long events = 15_000L * beat * (n % 200 == 0 ? 0 : 1);
                    live.recordPipeline(id, p, at, LiveTelemetry.counters(events, events, events * 200, events * 200, beat * (n % 13L), 0L),
                            List.of(new ComponentCounters("in", "file", events, events, 0L, 0L, 0L, 0L),
                                    new ComponentCounters("parse", "remap", events, events, 0L, 0L, beat * (n % 13L), 0L),
                                    new ComponentCounters("out", "http", events, events, 0L, 0L, 0L, 0L)));
                }
            }
        }
        System.out.printf("fed %,d nodes into live telemetry in %.1f s%n", nodes, (System.nanoTime() - started) / 1e9);
        List<AlertRule> rules = rules(rulesTotal, envs, pipelines);
        Map<AlertRuleId, Map<AlertId, Alert>> alerts = new HashMap<>();
        rules.forEach(r -> alerts.put(r.id(), new HashMap<>()));
        Instant now = T0.plusSeconds(20);
        long[] ids = {0};
        int warmUp = 3;
        double[] millis = new double[rounds];
        double[] gathering = new double[rounds];
        double[] cpu = new double[rounds];
        int changed = 0;
        int firing = 0;
        for (int round = -warmUp; round < rounds; round++) {
            now = now.plusSeconds(10);
            long start = System.nanoTime();
            long cpuStart = CPU.getCurrentThreadCpuTime();
            FleetReadings readings = new FleetReadings();
            for (NodeSetup s : fleet) {
                readings.addNode(s.env(), new FleetReadings.NodeReading(s.id(), s.id().toString(), s.labels(), s.maintenance(), s.status()));
            }
            for (EnvironmentId env : envs) {
                for (PipelineId p : pipelines.get(env)) {
                    readings.pipelineName(p, "pipeline-" + p.value().getLeastSignificantBits());
                }
            }
            FleetReadingsReader.addLiveReadings(readings, live, T0);
            long gathered = System.nanoTime();
            changed = 0;
            for (AlertRule rule : rules) {
                Map<AlertId, Alert> kept = alerts.get(rule.id());
                RuleEvaluation.Outcome outcome = RuleEvaluation.evaluate(rule, readings, kept.values(), List.of(), now,
                        () -> new AlertId(new UUID(4, ++ids[0])));
                outcome.forgotten().forEach(kept::remove);
                outcome.saved().forEach(a -> kept.put(a.id(), a));
                changed += outcome.saved().size() + outcome.forgotten().size();
            }
            double took = (System.nanoTime() - start) / 1e6;
            if (round >= 0) {
                millis[round] = took;
                gathering[round] = (gathered - start) / 1e6;
                cpu[round] = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            }
        }
        firing = alerts.values().stream().mapToInt(m -> (int) m.values().stream().filter(a -> a.state().name().equals("FIRING")).count()).sum();
        Arrays.sort(millis);
        Arrays.sort(gathering);
        Arrays.sort(cpu);
        System.out.printf("alert evaluation, %,d rules over %,d nodes (%d environments, 2 pipelines x 3 components per node), %d rounds after %d"
                + " warm-up rounds:%n", rules.size(), nodes, environments, rounds, warmUp);
        System.out.printf("  median %.1f ms, p90 %.1f ms, worst %.1f ms per round (interval: 10,000 ms); %,d alerts firing, %,d changed in the"
                + " last round%n", millis[rounds / 2], millis[(int) (rounds * 0.9)], millis[rounds - 1], firing, changed);
        System.out.printf("  of which gathering the readings: median %.1f ms; CPU time of the round (unaffected by other processes): median %.1f ms,"
                + " worst %.1f ms%n", gathering[rounds / 2], cpu[rounds / 2], cpu[rounds - 1]);
    }

    private static final PipelineMetric[] TROUBLE = {PipelineMetric.ERRORS_PER_SECOND, PipelineMetric.ERROR_RATE_PERCENT,
            PipelineMetric.DISCARDED_PER_SECOND};
    private static final PipelineMetric[] FLOW = {PipelineMetric.EVENTS_IN_PER_SECOND, PipelineMetric.EVENTS_OUT_PER_SECOND};

    private record NodeSetup(EnvironmentId env, NodeId id, Labels labels, NodeStatus status, boolean maintenance) {
    }

    /** 60 % node metrics (a third with a selector), 30 % pipeline rates (half per component, a third per node), 10 % unreachable. */
    static List<AlertRule> rules(int count, List<EnvironmentId> envs, Map<EnvironmentId, List<PipelineId>> pipelines) {
        List<AlertRule> rules = new ArrayList<>();
        NodeMetric[] metrics = NodeMetric.values();
        for (int i = 0; i < count; i++) {
            EnvironmentId env = envs.get(i % envs.size());
            int kind = i % 10;
            AlertCondition condition;
            if (kind < 6) {
                NodeMetric metric = metrics[i % metrics.length];
                double limit = switch (metric) {
                    case CPU_PERCENT, MEMORY_PERCENT, DISK_PERCENT -> 80 + i % 15;
                    case LOAD1 -> 3.5;
                    case NET_IN_BYTES_PER_SECOND, NET_OUT_BYTES_PER_SECOND -> 300_000;
                };
                condition = new AlertCondition.NodeMetricCondition(metric, new Threshold(Comparison.ABOVE, limit, 2),
                        i % 3 == 0 ? NodeSelector.of(Map.of("role", "web")) : NodeSelector.ALL);
            } else if (kind < 9) {
                PipelineId pipeline = pipelines.get(env).get(i % 2);
                boolean errors = i % 2 == 0;
                PipelineMetric metric = errors ? TROUBLE[i % TROUBLE.length] : FLOW[i % FLOW.length];
                condition = new AlertCondition.PipelineMetricCondition(pipeline, i % 4 < 2 ? Optional.of(new ComponentKey("parse")) : Optional.empty(),
                        metric, new Threshold(errors ? Comparison.ABOVE : Comparison.BELOW, errors ? 5 : 100, 0), i % 3 == 0);
            } else {
                condition = new AlertCondition.NodeUnreachableCondition(NodeSelector.ALL);
            }
            rules.add(new AlertRule(new AlertRuleId(new UUID(5, i)), env, "rule " + i, Severity.WARNING, condition, Duration.ofSeconds(30),
                    Duration.ZERO, MessageTemplate.DEFAULT, List.of(), true, "bench", T0, T0));
        }
        return rules;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
