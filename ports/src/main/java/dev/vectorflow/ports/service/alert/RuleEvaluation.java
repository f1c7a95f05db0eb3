package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertCondition.AgentUpdateFailedCondition;
import dev.vectorflow.core.alert.AlertCondition.BackupFailedCondition;
import dev.vectorflow.core.alert.AlertCondition.CertificateExpiringCondition;
import dev.vectorflow.core.alert.AlertCondition.DeploymentNotConvergedCondition;
import dev.vectorflow.core.alert.AlertCondition.LogMatchCondition;
import dev.vectorflow.core.alert.AlertCondition.SecretMissingCondition;
import dev.vectorflow.core.alert.AlertCondition.ThroughputDropCondition;
import dev.vectorflow.core.alert.AlertCondition.NodeMetricCondition;
import dev.vectorflow.core.alert.AlertCondition.NodeUnreachableCondition;
import dev.vectorflow.core.alert.AlertCondition.PipelineFailingCondition;
import dev.vectorflow.core.alert.AlertCondition.PipelineMetricCondition;
import dev.vectorflow.core.alert.AlertFacts;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.AlertLifecycle;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertState;
import dev.vectorflow.core.alert.AlertSubject;
import dev.vectorflow.core.alert.AlertTransition;
import dev.vectorflow.core.alert.Silence;
import dev.vectorflow.core.alert.Verdict;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.ports.out.alert.AlertInputs;
import dev.vectorflow.ports.protocol.ActionResult;
import dev.vectorflow.ports.service.alert.FleetReadings.NodeReading;
import dev.vectorflow.ports.service.alert.FleetReadings.PipelineOnNode;
import dev.vectorflow.ports.service.alert.FleetReadings.Rates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Evaluates one rule over one round's readings against the rule's alerts: which alerts change state (with the
 * transition and the value that caused it), which are forgotten, which fired and which resolved. Pure: reads and writes
 * nothing, so the evaluator, its tests and the benchmark run the same code.
 */
public final class RuleEvaluation {

    /** What a round changes for one rule. Alerts that did not change are in none of the lists. */
    public record Outcome(List<Alert> saved, List<AlertId> forgotten, List<AlertTransition> transitions, List<Alert> fired,
                          List<Alert> resolved) {
    }

    /**
     * What the condition says about one subject now (only breaching or in-band subjects, and clear ones that have an
     * alert, are observed). The facts are written only when the alert changes: most rounds change nothing.
     */
    private record Observation(AlertSubject subject, Verdict verdict, double value, NodeReading node, String pipeline, String component,
                               String metric, double threshold, Map<String, String> knownFacts) {

        Observation(AlertSubject subject, Verdict verdict, double value, NodeReading node, String pipeline, String component, String metric,
                    double threshold) {
            this(subject, verdict, value, node, pipeline, component, metric, threshold, null);
        }

        Map<String, String> facts(AlertRule rule) {
            return knownFacts != null ? knownFacts : RuleEvaluation.facts(rule, node, pipeline, component, metric, value, threshold);
        }
    }

    private RuleEvaluation() {
    }

    /**
     * @param existing the rule's alerts as stored
     * @param silences the active silences of the rule's environment
     */
    public static Outcome evaluate(AlertRule rule, FleetReadings readings, Collection<Alert> existing, List<Silence> silences, Instant now,
                                   Supplier<AlertId> ids) {
        Map<AlertSubject, Alert> remaining = new HashMap<>();
        for (Alert a : existing) {
            remaining.put(a.subject(), a);
        }
        Map<AlertSubject, Observation> observed = observe(rule, readings, remaining, now);
        Outcome outcome = new Outcome(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Observation o : observed.values()) {
            step(rule, Optional.ofNullable(remaining.remove(o.subject())), o, silences, now, ids, outcome);
        }
        for (Alert gone : remaining.values()) {
            NodeReading node = gone.subject().node().flatMap(readings::node).orElse(null);
            Map<String, String> facts = new LinkedHashMap<>(gone.facts());
            facts.put("value", AlertFacts.number(Double.NaN));
            step(rule, Optional.of(gone), new Observation(gone.subject(), Verdict.CLEAR, Double.NaN, node, null, null, null, Double.NaN, facts),
                    silences, now, ids, outcome);
        }
        return outcome;
    }

    private static void step(AlertRule rule, Optional<Alert> current, Observation o, List<Silence> silences, Instant now, Supplier<AlertId> ids,
                             Outcome outcome) {
        Optional<AlertState> next = AlertLifecycle.next(rule, current.map(Alert::state), o.verdict(), now);
        if (next.isEmpty()) {
            current.ifPresent(c -> outcome.forgotten().add(c.id()));
            return;
        }
        AlertState state = next.get();
        boolean silenced = silenced(rule, o, silences, now);
        boolean stateChanged = current.map(c -> !c.state().name().equals(state.name())).orElse(true);
        if (current.isPresent() && !stateChanged && current.get().state().equals(state) && current.get().silenced() == silenced) {
            return;
        }
        Alert before = current.orElse(null);
        Alert after = new Alert(before == null ? ids.get() : before.id(), rule.id(), rule.environmentId(), o.subject(), rule.severity(), state,
                stateChanged ? o.value() : before.value(), stateChanged ? o.facts(rule) : before.facts(), silenced,
                stateChanged ? now : before.changedAt());
        outcome.saved().add(after);
        if (stateChanged) {
            outcome.transitions().add(new AlertTransition(after.id(), Optional.ofNullable(before).map(b -> b.state().name()), state.name(),
                    o.value(), now, Optional.empty()));
            boolean wasFiring = before != null && before.state() instanceof AlertState.Firing;
            if (state instanceof AlertState.Firing && !wasFiring && !silenced) {
                outcome.fired().add(after);
            } else if (state instanceof AlertState.Resolved && wasFiring && !silenced) {
                outcome.resolved().add(after);
            }
        }
    }

    private static boolean silenced(AlertRule rule, Observation o, List<Silence> silences, Instant now) {
        NodeReading node = o.node();
        if (node != null && node.maintenance) {
            return true;
        }
        Optional<NodeId> nodeId = o.subject().node();
        for (Silence s : silences) {
            if (s.covers(rule.id(), nodeId, o.subject().pipeline(), Optional.ofNullable(node).map(n -> n.labels), now)) {
                return true;
            }
        }
        return false;
    }

    /** Breaching and in-band subjects, and clear ones that have an alert (so that its resolution keeps the clear value). */
    private static Map<AlertSubject, Observation> observe(AlertRule rule, FleetReadings readings, Map<AlertSubject, Alert> existing, Instant now) {
        Map<AlertSubject, Observation> observed = new HashMap<>();
        switch (rule.condition()) {
            case NodeMetricCondition c -> {
                int metric = c.metric().ordinal();
                SelectorMatch selector = new SelectorMatch(c.selector());
                for (NodeReading node : readings.nodesOf(rule.environmentId())) {
                    double value = node.host[metric];
                    if (Double.isNaN(value)) {
                        continue;
                    }
                    Verdict verdict = c.limit().judge(value);
                    if (verdict != Verdict.CLEAR && selector.matches(node.labels)) {
                        AlertSubject subject = AlertSubject.node(node.id);
                        observed.put(subject, new Observation(subject, verdict, value, node, null, null, c.metric().wireName(), c.limit().value()));
                    }
                }
                // an alert whose node reads clear now: observed with that value (walking the alerts, not every node again)
                for (AlertSubject subject : existing.keySet()) {
                    NodeReading node = subject.node().flatMap(readings::node).orElse(null);
                    if (node != null && !observed.containsKey(subject) && !Double.isNaN(node.host[metric]) && selector.matches(node.labels)) {
                        double value = node.host[metric];
                        observed.put(subject, new Observation(subject, c.limit().judge(value), value, node, null, null, c.metric().wireName(),
                                c.limit().value()));
                    }
                }
            }
            case PipelineMetricCondition c -> {
                Optional<String> component = c.component().map(ComponentKey::value);
                String key = component.orElse(null);
                FleetReadings.PipelineNodes onNodes = readings.pipelineOnNodes(c.pipeline());
                String pipelineName = readings.pipelineName(c.pipeline());
                Rates sum = null;
                java.util.Set<NodeId> alerted = new java.util.HashSet<>();
                existing.keySet().forEach(subject -> subject.node().ifPresent(alerted::add));
                for (PipelineOnNode on : onNodes.all) {
                    Rates rates = key != null ? on.components.get(key) : on.total;
                    if (rates == null) {
                        continue;
                    }
                    if (c.perNode()) {
                        double value = c.metric().of(rates.eventsIn(), rates.eventsOut(), rates.errors(), rates.discarded());
                        Verdict verdict = c.limit().judge(value);
                        if (verdict != Verdict.CLEAR || alerted.contains(on.node)) {
                            AlertSubject subject = new AlertSubject(Optional.of(on.node), Optional.of(c.pipeline()), component, Optional.empty());
                            NodeReading node = readings.node(on.node).orElse(null);
                            observed.put(subject, new Observation(subject, verdict, value, node, pipelineName, key, c.metric().wireName(),
                                    c.limit().value()));
                        }
                    } else {
                        sum = sum == null ? rates : sum.plus(rates);
                    }
                }
                if (sum != null) {
                    double value = c.metric().of(sum.eventsIn(), sum.eventsOut(), sum.errors(), sum.discarded());
                    Verdict verdict = c.limit().judge(value);
                    AlertSubject subject = new AlertSubject(Optional.empty(), Optional.of(c.pipeline()), component, Optional.empty());
                    if (verdict != Verdict.CLEAR || existing.containsKey(subject)) {
                        observed.put(subject, new Observation(subject, verdict, value, null, pipelineName, key, c.metric().wireName(),
                                c.limit().value()));
                    }
                }
            }
            case NodeUnreachableCondition c -> {
                for (NodeReading node : readings.nodesOf(rule.environmentId())) {
                    if (node.status == NodeStatus.UNREACHABLE && c.selector().matches(node.labels)) {
                        AlertSubject subject = AlertSubject.node(node.id);
                        observed.put(subject, new Observation(subject, Verdict.BREACH, Double.NaN, node, null, null, "unreachable", Double.NaN));
                    }
                }
            }
            case PipelineFailingCondition c -> {
                for (FleetReadings.FailingPipeline f : readings.failingIn(rule.environmentId())) {
                    if (c.pipeline().isPresent() && !c.pipeline().get().equals(f.pipeline())) {
                        continue;
                    }
                    NodeReading node = readings.node(f.node()).orElse(null);
                    AlertSubject subject = new AlertSubject(Optional.of(f.node()), Optional.of(f.pipeline()), Optional.empty(), Optional.empty());
                    observed.put(subject, new Observation(subject, Verdict.BREACH, Double.NaN, node, readings.pipelineName(f.pipeline()), null,
                            f.status().toLowerCase(Locale.ROOT), Double.NaN));
                }
            }
            case CertificateExpiringCondition c -> {
                Instant limit = now.plus(Duration.ofDays(c.days()));
                for (FleetReadings.CertificateReading cert : readings.certificatesOf(rule.environmentId())) {
                    if (cert.notAfter().isBefore(limit)) {
                        double daysLeft = Math.floor(Duration.between(now, cert.notAfter()).toHours() / 24.0);
                        AlertSubject subject = new AlertSubject(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(cert.name()));
                        observed.put(subject, new Observation(subject, Verdict.BREACH, daysLeft, null, null, cert.name(), "days_left", c.days()));
                    }
                }
            }
            case DeploymentNotConvergedCondition c -> observeDeployments(rule, c, readings, now, observed);
            case AgentUpdateFailedCondition c -> {
                SelectorMatch selector = new SelectorMatch(c.selector());
                for (AlertInputs.AgentUpdate u : readings.agentUpdatesIn(rule.environmentId())) {
                    NodeReading node = readings.node(u.node()).orElse(null);
                    if (!ActionResult.FAILED.equals(u.status()) || node == null || !selector.matches(node.labels)) {
                        continue;
                    }
                    AlertSubject subject = AlertSubject.node(u.node());
                    observed.put(subject, withDetail(rule, subject, Double.NaN, node, null, "agent_update_failed",
                            "update to " + u.targetVersion() + " failed: " + u.message()));
                }
            }
            case SecretMissingCondition c -> {
                for (FleetReadings.MissingReference m : readings.missingReferencesIn(rule.environmentId())) {
                    String reference = m.kind() + "[" + m.name() + "]";
                    AlertSubject subject = new AlertSubject(Optional.empty(), Optional.of(m.pipeline()), Optional.empty(), Optional.of(reference));
                    observed.put(subject, withDetail(rule, subject, Double.NaN, null, readings.pipelineName(m.pipeline()), "secret_missing",
                            reference + " is referenced but the environment has none of that name"));
                }
            }
            case BackupFailedCondition c -> readings.lastBackup().filter(FleetReadings.BackupReading::failed).ifPresent(b -> {
                AlertSubject subject = new AlertSubject(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(PLATFORM_BACKUP));
                observed.put(subject, withDetail(rule, subject, Double.NaN, null, null, "backup_failed", b.name() + ": " + b.error()));
            });
            case ThroughputDropCondition c -> observeThroughput(rule, c, readings, now, observed);
            case LogMatchCondition c -> observeLogs(rule, c, readings, observed);
        }
        return observed;
    }

    /** The item of the one alert of a backup rule. */
    static final String PLATFORM_BACKUP = "platform backup";
    /** A log line is kept in an alert's facts up to this many characters. */
    static final int MAX_DETAIL = 500;

    private static Observation withDetail(AlertRule rule, AlertSubject subject, double value, NodeReading node, String pipeline, String metric,
                                          String detail) {
        Map<String, String> facts = facts(rule, node, pipeline, subject.component().orElse(null), metric, value, Double.NaN);
        facts.put("detail", clean(detail));
        return new Observation(subject, Verdict.BREACH, value, node, pipeline, null, metric, Double.NaN, facts);
    }

    /** One line of at most {@link #MAX_DETAIL} characters: control characters (escape sequences too) become spaces. */
    static String clean(String text) {
        String line = text == null ? "" : text.replaceAll("\\e\\[[0-9;?]*[ -/]*[@-~]", " ").replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL - 1) + "…" : line;
    }

    /** Per deployment past its minutes: the target nodes that do not report the deployed version RUNNING. */
    private static void observeDeployments(AlertRule rule, DeploymentNotConvergedCondition c, FleetReadings readings, Instant now,
                                           Map<AlertSubject, Observation> observed) {
        List<NodeReading> nodes = readings.nodesOf(rule.environmentId());
        for (Deployment d : readings.deploymentsOf(rule.environmentId())) {
            if (c.pipeline().isPresent() && !c.pipeline().get().equals(d.pipelineId())
                    || now.isBefore(d.deployedAt().plus(Duration.ofMinutes(c.minutes())))) {
                continue;
            }
            SelectorMatch selector = new SelectorMatch(d.selector());
            Map<NodeId, AlertInputs.ReportedState> reported = readings.reportedFor(d.pipelineId());
            int behind = 0;
            for (NodeReading node : nodes) {
                if (!selector.matches(node.labels)) {
                    continue;
                }
                AlertInputs.ReportedState s = reported.get(node.id);
                if (s == null || s.version() == null || s.version() != d.version() || !PipelineRunStatus.RUNNING.name().equals(s.status())) {
                    behind++;
                }
            }
            if (behind > 0) {
                AlertSubject subject = new AlertSubject(Optional.empty(), Optional.of(d.pipelineId()), Optional.empty(), Optional.empty());
                observed.put(subject, new Observation(subject, Verdict.BREACH, behind, null, readings.pipelineName(d.pipelineId()), null,
                        "nodes_not_converged", c.minutes()));
            }
        }
    }

    /**
     * The live rate now against {@code percent} % of the average over the window before (from the stored minute
     * rollups, over the minutes of the window that have any: a pipeline younger than the window is judged on what it
     * has). No live rate, or no history at all: nothing is observed (no alert, and an alert resolves).
     */
    private static void observeThroughput(AlertRule rule, ThroughputDropCondition c, FleetReadings readings, Instant now,
                                          Map<AlertSubject, Observation> observed) {
        String key = c.component().map(ComponentKey::value).orElse(null);
        Rates sum = null;
        for (PipelineOnNode on : readings.pipelineOnNodes(c.pipeline()).all) {
            Rates rates = key != null ? on.components.get(key) : on.total;
            if (rates != null) {
                sum = sum == null ? rates : sum.plus(rates);
            }
        }
        Instant to = ThroughputWindow.end(now);
        double previous = ThroughputWindow.average(readings.historyOf(c.pipeline()), key, c.metric(), to.minus(Duration.ofMinutes(c.windowMinutes())),
                to);
        if (sum == null || Double.isNaN(previous)) {
            return;
        }
        double value = c.metric().of(sum.eventsIn(), sum.eventsOut(), sum.errors(), sum.discarded());
        double limit = previous * c.percent() / 100.0;
        AlertSubject subject = new AlertSubject(Optional.empty(), Optional.of(c.pipeline()), c.component().map(ComponentKey::value), Optional.empty());
        observed.put(subject, new Observation(subject, value < limit ? Verdict.BREACH : Verdict.CLEAR, value, null,
                readings.pipelineName(c.pipeline()), key, c.metric().wireName(), limit));
    }

    /** The round's lines (already capped per node) that match: one alert per node and pipeline with at least {@code minCount}. */
    private static void observeLogs(AlertRule rule, LogMatchCondition c, FleetReadings readings, Map<AlertSubject, Observation> observed) {
        SelectorMatch selector = new SelectorMatch(c.selector());
        Map<AlertSubject, Integer> counts = new HashMap<>();
        Map<AlertSubject, String> lastLine = new HashMap<>();
        for (AlertInputs.LogLine line : readings.logLinesIn(rule.environmentId())) {
            if (c.pipeline().isPresent() && !c.pipeline().get().equals(line.pipeline())) {
                continue;
            }
            NodeReading node = readings.node(line.node()).orElse(null);
            if (node == null || !selector.matches(node.labels) || !c.pattern().matches(line.line())) {
                continue;
            }
            AlertSubject subject = new AlertSubject(Optional.of(line.node()), Optional.of(line.pipeline()), Optional.empty(), Optional.empty());
            counts.merge(subject, 1, Integer::sum);
            lastLine.put(subject, line.line());
        }
        counts.forEach((subject, count) -> {
            if (count >= c.minCount()) {
                NodeReading node = readings.node(subject.node().orElseThrow()).orElse(null);
                observed.put(subject, withDetail(rule, subject, count, node, readings.pipelineName(subject.pipeline().orElseThrow()), "log_match",
                        lastLine.get(subject)));
            }
        });
    }

    /** A node selector as arrays, so that matching ten thousand nodes walks no map entries. */
    private static final class SelectorMatch {
        private final String[] keys;
        private final String[] values;

        SelectorMatch(NodeSelector selector) {
            Map<String, String> required = selector.required().values();
            keys = required.keySet().toArray(String[]::new);
            values = required.values().toArray(String[]::new);
        }

        boolean matches(Labels labels) {
            if (keys.length == 0) {
                return true;
            }
            Map<String, String> have = labels.values();
            for (int i = 0; i < keys.length; i++) {
                if (!values[i].equals(have.get(keys[i]))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Map<String, String> facts(AlertRule rule, NodeReading node, String pipeline, String component, String metric, double value,
                                             double threshold) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("rule", rule.name());
        facts.put("severity", rule.severity().name().toLowerCase(Locale.ROOT));
        if (node != null) {
            facts.put("node", node.hostname);
        }
        if (pipeline != null) {
            facts.put("pipeline", pipeline);
        }
        if (component != null) {
            facts.put("component", component);
        }
        facts.put("metric", metric);
        if (!Double.isNaN(value)) {
            facts.put("value", AlertFacts.number(value));
        }
        if (!Double.isNaN(threshold)) {
            facts.put("threshold", AlertFacts.number(threshold));
        }
        return facts;
    }
}
