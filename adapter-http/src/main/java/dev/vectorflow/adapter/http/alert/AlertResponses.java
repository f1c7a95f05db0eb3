package dev.vectorflow.adapter.http.alert;

import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertChannel;
import dev.vectorflow.core.alert.WebhookHeaders;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertState;
import dev.vectorflow.core.alert.AlertTransition;
import dev.vectorflow.core.alert.Silence;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.alert.AlertQueries;
import dev.vectorflow.ports.out.alert.DeliveryAttempt;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import dev.vectorflow.ports.out.alert.DeliveryRepository.DeliveryHistory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The alert routes' answers: wire records only, each made from the domain in one named place. */
public final class AlertResponses {

    private AlertResponses() {
    }

    /** A rule as the API shows it. */
    public record RuleResponse(String id, String environmentId, String name, String severity, Map<String, Object> condition, long forSeconds,
                        long cooldownSeconds, String message, List<String> channels, boolean enabled, String createdBy, Instant createdAt,
                        Instant updatedAt) {
        static RuleResponse fromDomain(AlertRule r) {
            return new RuleResponse(r.id().toString(), r.environmentId().toString(), r.name(), lower(r.severity().name()), conditionJson(r.condition()),
                    r.forDuration().getSeconds(), r.cooldown().getSeconds(), r.message().text(), r.channels().stream().map(AlertChannelId::toString).toList(),
                    r.enabled(), r.createdBy(), r.createdAt(), r.updatedAt());
        }
    }

    static Map<String, Object> conditionJson(AlertCondition condition) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("kind", condition.kind());
        switch (condition) {
            case AlertCondition.NodeMetricCondition n -> {
                c.put("metric", n.metric().wireName());
                threshold(c, n.limit());
                c.put("selector", selectorText(n.selector()));
            }
            case AlertCondition.PipelineMetricCondition p -> {
                c.put("pipeline", p.pipeline().toString());
                c.put("component", p.component().map(ComponentKey::value).orElse(null));
                c.put("metric", p.metric().wireName());
                threshold(c, p.limit());
                c.put("perNode", p.perNode());
            }
            case AlertCondition.NodeUnreachableCondition u -> c.put("selector", selectorText(u.selector()));
            case AlertCondition.PipelineFailingCondition f -> c.put("pipeline", f.pipeline().map(PipelineId::toString).orElse(null));
            case AlertCondition.CertificateExpiringCondition e -> c.put("days", e.days());
            case AlertCondition.DeploymentNotConvergedCondition d -> {
                c.put("minutes", d.minutes());
                c.put("pipeline", d.pipeline().map(PipelineId::toString).orElse(null));
            }
            case AlertCondition.AgentUpdateFailedCondition u -> c.put("selector", selectorText(u.selector()));
            case AlertCondition.SecretMissingCondition m -> {
            }
            case AlertCondition.BackupFailedCondition b -> {
            }
            case AlertCondition.ThroughputDropCondition t -> {
                c.put("pipeline", t.pipeline().toString());
                c.put("component", t.component().map(ComponentKey::value).orElse(null));
                c.put("metric", t.metric().wireName());
                c.put("percent", t.percent());
                c.put("windowMinutes", t.windowMinutes());
            }
            case AlertCondition.LogMatchCondition l -> {
                c.put("pattern", l.pattern().text());
                c.put("regex", l.pattern().regex());
                c.put("pipeline", l.pipeline().map(PipelineId::toString).orElse(null));
                c.put("selector", selectorText(l.selector()));
                c.put("minCount", l.minCount());
            }
        }
        return c;
    }

    private static void threshold(Map<String, Object> c, dev.vectorflow.core.alert.Threshold t) {
        c.put("comparison", t.comparison().symbol());
        c.put("threshold", t.value());
        c.put("hysteresis", t.hysteresis());
    }

    static String selectorText(NodeSelector selector) {
        return String.join(",", selector.required().values().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** What an alert is about, with the names people know. */
    public record SubjectResponse(String nodeId, String nodeName, String pipelineId, String pipelineName, String component, String item) {
    }

    /** An alert as the API shows it. */
    public record AlertResponse(String id, String ruleId, String ruleName, String severity, String state, SubjectResponse subject, Double value,
                         String message, Instant since, Instant firedAt, Instant resolvedAt, String acknowledgedBy, Instant acknowledgedAt,
                         boolean silenced, Instant changedAt) {
        static AlertResponse fromDomain(AlertQueries.AlertView view) {
            Alert a = view.alert();
            Instant since = null;
            Instant fired = null;
            Instant resolved = null;
            String ackBy = null;
            Instant ackAt = null;
            switch (a.state()) {
                case AlertState.Pending p -> since = p.since();
                case AlertState.Firing f -> {
                    since = f.since();
                    fired = f.firedAt();
                    if (f.acknowledged().isPresent()) {
                        ackBy = f.acknowledged().get().by();
                        ackAt = f.acknowledged().get().at();
                    }
                }
                case AlertState.Resolved r -> {
                    fired = r.firedAt();
                    resolved = r.resolvedAt();
                }
            }
            SubjectResponse subject = new SubjectResponse(a.subject().node().map(NodeId::toString).orElse(null),
                    a.subject().node().isPresent() ? a.facts().get("node") : null, a.subject().pipeline().map(PipelineId::toString).orElse(null),
                    a.subject().pipeline().isPresent() ? a.facts().get("pipeline") : null, a.subject().component().orElse(null),
                    a.subject().item().orElse(null));
            return new AlertResponse(a.id().toString(), a.rule().toString(), view.ruleName(), lower(a.severity().name()), a.state().name(), subject,
                    Double.isFinite(a.value()) ? a.value() : null, view.message(), since, fired, resolved, ackBy, ackAt, a.silenced(), a.changedAt());
        }
    }

    /** An alert a rule that is not saved would raise now. */
    public record PreviewResponse(String state, SubjectResponse subject, Double value, String message) {
        static PreviewResponse fromDomain(AlertQueries.AlertView view) {
            AlertResponse a = AlertResponse.fromDomain(view);
            return new PreviewResponse(a.state(), a.subject(), a.value(), a.message());
        }
    }

    /** A change of an alert's state. */
    public record TransitionResponse(String from, String to, Double value, Instant at, String by) {
        static TransitionResponse fromDomain(AlertTransition t) {
            return new TransitionResponse(t.from().orElse(null), t.to(), Double.isFinite(t.value()) ? t.value() : null, t.at(), t.by().orElse(null));
        }
    }

    /** An alert with its transitions. */
    public record AlertDetailResponse(String id, String ruleId, String ruleName, String severity, String state, SubjectResponse subject, Double value,
                               String message, Instant since, Instant firedAt, Instant resolvedAt, String acknowledgedBy, Instant acknowledgedAt,
                               boolean silenced, Instant changedAt, List<TransitionResponse> transitions) {
        static AlertDetailResponse fromDomain(AlertQueries.AlertDetail detail) {
            AlertResponse a = AlertResponse.fromDomain(detail.view());
            return new AlertDetailResponse(a.id(), a.ruleId(), a.ruleName(), a.severity(), a.state(), a.subject(), a.value(), a.message(), a.since(),
                    a.firedAt(), a.resolvedAt(), a.acknowledgedBy(), a.acknowledgedAt(), a.silenced(), a.changedAt(),
                    detail.transitions().stream().map(TransitionResponse::fromDomain).toList());
        }
    }

    /** A silence. */
    public record SilenceResponse(String id, String ruleId, String nodeId, String pipelineId, String selector, Instant until, String reason,
                           String createdBy, Instant createdAt) {
        static SilenceResponse fromDomain(Silence s) {
            return new SilenceResponse(s.id().toString(), s.rule().map(Object::toString).orElse(null), s.node().map(Object::toString).orElse(null),
                    s.pipeline().map(Object::toString).orElse(null), selectorText(s.labels()), s.until(), s.reason(), s.createdBy(), s.createdAt());
        }
    }

    /** A channel: never its secrets, only which are set. */
    public record ChannelResponse(String id, String environmentId, String name, String kind, Map<String, Object> settings, Set<String> secretsSet,
                           boolean enabled, String createdBy, Instant createdAt, Instant updatedAt) {
        static ChannelResponse fromDomain(AlertChannel c) {
            return new ChannelResponse(c.id().toString(), c.environmentId().toString(), c.name(), lower(c.kind().name()), shownSettings(c),
                    c.secretsSet(), c.enabled(), c.createdBy(), c.createdAt(), c.updatedAt());
        }

        /** The settings as the API takes them: a webhook's headers (kept as {@code headers.<name>}) as one {@code headers} object. */
        private static Map<String, Object> shownSettings(AlertChannel c) {
            Map<String, Object> shown = new java.util.LinkedHashMap<>();
            c.settings().forEach((k, v) -> {
                if (!k.startsWith(WebhookHeaders.SETTINGS_PREFIX)) {
                    shown.put(k, v);
                }
            });
            Map<String, String> headers = WebhookHeaders.fromSettings(c.settings());
            if (!headers.isEmpty()) {
                shown.put("headers", headers);
            }
            return shown;
        }
    }

    /** How one attempt went. */
    public record AttemptResponse(Instant at, Integer statusCode, long durationMillis, String error) {
        static AttemptResponse fromDomain(DeliveryAttempt a) {
            return new AttemptResponse(a.at(), a.statusCode().isPresent() ? a.statusCode().getAsInt() : null, a.took().toMillis(),
                    a.error().orElse(null));
        }
    }

    /** A delivery with its attempts. */
    public record DeliveryResponse(String id, String event, String ruleName, int alerts, boolean test, String status, Instant createdAt,
                            Instant nextAttemptAt, List<AttemptResponse> attempts) {
        static DeliveryResponse fromDomain(DeliveryHistory h) {
            var d = h.delivery();
            return new DeliveryResponse(d.id().toString(), d.notification().event().name(), d.notification().ruleName(), d.notification().alerts().size(),
                    d.notification().test(), d.status().name(), d.createdAt(),
                    d.status() == dev.vectorflow.core.alert.DeliveryStatus.QUEUED ? d.nextAttemptAt() : null,
                    h.attempts().stream().map(AttemptResponse::fromDomain).toList());
        }
    }

    /** The outcome of a test send. */
    public record TestResponse(boolean delivered, Integer statusCode, long durationMillis, String error) {
        static TestResponse fromDomain(DeliveryOutcome o) {
            return new TestResponse(o.delivered(), o.statusCode().isPresent() ? o.statusCode().getAsInt() : null, o.took().toMillis(),
                    o.error().orElse(null));
        }
    }
}
