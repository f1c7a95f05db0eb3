package dev.vectorflow.adapter.postgres.alert;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.labels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.core.alert.Acknowledgement;
import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.alert.AlertState;
import dev.vectorflow.core.alert.AlertSubject;
import dev.vectorflow.core.alert.Comparison;
import dev.vectorflow.core.alert.LogPattern;
import dev.vectorflow.core.alert.NodeMetric;
import dev.vectorflow.core.alert.PipelineMetric;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.alert.Threshold;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.alert.Notification;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Record;

/** The one place alert rows are mapped: conditions to and from their columns, alert states, facts and notifications as JSON. */
final class AlertRecordMapper {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertRecordMapper() {
    }

    /**
     * The condition's columns: kind, metric, comparison, threshold, hysteresis, selector, pipeline_id, component, per_node, days,
     * minutes, percent, pattern, regex, min_count.
     */
    static Object[] conditionColumns(AlertCondition condition) {
        Object[] v = new Object[15];
        v[0] = condition.kind();
        switch (condition) {
            case AlertCondition.NodeMetricCondition c -> {
                metricAndThreshold(v, c.metric().wireName(), c.limit());
                v[5] = labels(c.selector().required());
            }
            case AlertCondition.PipelineMetricCondition c -> {
                metricAndThreshold(v, c.metric().wireName(), c.limit());
                v[6] = c.pipeline().value();
                v[7] = c.component().map(ComponentKey::value).orElse(null);
                v[8] = c.perNode();
            }
            case AlertCondition.NodeUnreachableCondition c -> v[5] = labels(c.selector().required());
            case AlertCondition.PipelineFailingCondition c -> v[6] = c.pipeline().map(PipelineId::value).orElse(null);
            case AlertCondition.CertificateExpiringCondition c -> v[9] = c.days();
            case AlertCondition.DeploymentNotConvergedCondition c -> {
                v[6] = c.pipeline().map(PipelineId::value).orElse(null);
                v[10] = c.minutes();
            }
            case AlertCondition.AgentUpdateFailedCondition c -> v[5] = labels(c.selector().required());
            case AlertCondition.SecretMissingCondition c -> {
            }
            case AlertCondition.BackupFailedCondition c -> {
            }
            case AlertCondition.ThroughputDropCondition c -> {
                v[1] = c.metric().wireName();
                v[6] = c.pipeline().value();
                v[7] = c.component().map(ComponentKey::value).orElse(null);
                v[10] = c.windowMinutes();
                v[11] = c.percent();
            }
            case AlertCondition.LogMatchCondition c -> {
                v[5] = labels(c.selector().required());
                v[6] = c.pipeline().map(PipelineId::value).orElse(null);
                v[12] = c.pattern().text();
                v[13] = c.pattern().regex();
                v[14] = c.minCount();
            }
        }
        return v;
    }

    private static void metricAndThreshold(Object[] v, String metric, Threshold limit) {
        v[1] = metric;
        v[2] = limit.comparison().name();
        v[3] = limit.value();
        v[4] = limit.hysteresis();
    }

    static AlertCondition condition(Record r) {
        String kind = r.get("kind", String.class);
        Optional<PipelineId> pipeline = Optional.ofNullable(r.get("pipeline_id", UUID.class)).map(PipelineId::new);
        Optional<ComponentKey> component = Optional.ofNullable(r.get("component", String.class)).map(ComponentKey::new);
        NodeSelector selector = new NodeSelector(labels(r.get("selector", String.class)));
        return switch (kind) {
            case AlertCondition.NodeMetricCondition.KIND -> new AlertCondition.NodeMetricCondition(NodeMetric.parse("metric", r.get("metric", String.class)),
                    threshold(r), selector);
            case AlertCondition.PipelineMetricCondition.KIND -> new AlertCondition.PipelineMetricCondition(pipeline.orElseThrow(), component,
                    PipelineMetric.parse("metric", r.get("metric", String.class)), threshold(r), Boolean.TRUE.equals(r.get("per_node", Boolean.class)));
            case AlertCondition.NodeUnreachableCondition.KIND -> new AlertCondition.NodeUnreachableCondition(selector);
            case AlertCondition.PipelineFailingCondition.KIND -> new AlertCondition.PipelineFailingCondition(pipeline);
            case AlertCondition.CertificateExpiringCondition.KIND -> new AlertCondition.CertificateExpiringCondition(r.get("days", Integer.class));
            case AlertCondition.DeploymentNotConvergedCondition.KIND -> new AlertCondition.DeploymentNotConvergedCondition(r.get("minutes", Integer.class),
                    pipeline);
            case AlertCondition.AgentUpdateFailedCondition.KIND -> new AlertCondition.AgentUpdateFailedCondition(selector);
            case AlertCondition.SecretMissingCondition.KIND -> new AlertCondition.SecretMissingCondition();
            case AlertCondition.BackupFailedCondition.KIND -> new AlertCondition.BackupFailedCondition();
            case AlertCondition.ThroughputDropCondition.KIND -> new AlertCondition.ThroughputDropCondition(pipeline.orElseThrow(), component,
                    PipelineMetric.parse("metric", r.get("metric", String.class)), r.get("percent", Integer.class), r.get("minutes", Integer.class));
            case AlertCondition.LogMatchCondition.KIND -> new AlertCondition.LogMatchCondition(new LogPattern(r.get("pattern", String.class),
                    Boolean.TRUE.equals(r.get("regex", Boolean.class))), pipeline, selector, r.get("min_count", Integer.class));
            default -> throw new IllegalStateException("stored alert rule of unknown kind " + kind);
        };
    }

    private static Threshold threshold(Record r) {
        return new Threshold(Comparison.valueOf(r.get("comparison", String.class)), r.get("threshold", Double.class), r.get("hysteresis", Double.class));
    }

    static String ids(List<AlertChannelId> channels) {
        return String.join(",", channels.stream().map(AlertChannelId::toString).toList());
    }

    static List<AlertChannelId> channelIds(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(id -> new AlertChannelId(UUID.fromString(id))).toList();
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, String> stringMap(String json) {
        try {
            return json == null || json.isBlank() ? Map.of() : MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored map is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The state columns: state, since, fired_at, resolved_at, acknowledged_by, acknowledged_at. */
    static Object[] stateColumns(AlertState state) {
        return switch (state) {
            case AlertState.Pending p -> new Object[] {p.name(), p.since(), null, p.lastResolvedAt().orElse(null), null, null};
            case AlertState.Firing f -> new Object[] {f.name(), f.since(), f.firedAt(), null, f.acknowledged().map(Acknowledgement::by).orElse(null),
                    f.acknowledged().map(Acknowledgement::at).orElse(null)};
            case AlertState.Resolved r -> new Object[] {r.name(), null, r.firedAt(), r.resolvedAt(), null, null};
        };
    }

    static Alert alert(Record r) {
        String stateName = r.get("state", String.class);
        AlertState state = switch (stateName) {
            case "PENDING" -> new AlertState.Pending(instant(r, "since"), Optional.ofNullable(instant(r, "resolved_at")));
            case "FIRING" -> new AlertState.Firing(instant(r, "since"), instant(r, "fired_at"),
                    Optional.ofNullable(r.get("acknowledged_by", String.class)).map(by -> new Acknowledgement(by, instant(r, "acknowledged_at"))));
            case "RESOLVED" -> new AlertState.Resolved(instant(r, "fired_at"), instant(r, "resolved_at"));
            default -> throw new IllegalStateException("stored alert in unknown state " + stateName);
        };
        Double value = r.get("value", Double.class);
        AlertSubject subject = new AlertSubject(Optional.ofNullable(r.get("node_id", UUID.class)).map(NodeId::new),
                Optional.ofNullable(r.get("pipeline_id", UUID.class)).map(PipelineId::new), Optional.ofNullable(r.get("component", String.class)),
                Optional.ofNullable(r.get("item", String.class)));
        return new Alert(new AlertId(r.get("id", UUID.class)), new AlertRuleId(r.get("rule_id", UUID.class)),
                new EnvironmentId(r.get("environment_id", UUID.class)), subject, Severity.valueOf(r.get("severity", String.class)), state,
                value == null ? Double.NaN : value, stringMap(r.get("facts", String.class)), r.get("silenced", Boolean.class), instant(r, "changed_at"));
    }

    static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static String notification(Notification n) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("eventId", n.eventId()).put("event", n.event().name()).put("ruleName", n.ruleName()).put("severity", n.severity().name())
                .put("environmentName", n.environmentName()).put("at", n.at().toString()).put("test", n.test());
        n.link().ifPresent(l -> o.put("link", l.toString()));
        ArrayNode alerts = o.putArray("alerts");
        for (Notification.Alert a : n.alerts()) {
            ObjectNode j = alerts.addObject();
            j.put("key", a.key()).put("message", a.message()).put("startedAt", a.startedAt().toString());
            a.node().ifPresent(v -> j.put("node", v));
            a.pipeline().ifPresent(v -> j.put("pipeline", v));
            a.component().ifPresent(v -> j.put("component", v));
            a.value().ifPresent(v -> j.put("value", v));
            a.threshold().ifPresent(v -> j.put("threshold", v));
            a.resolvedAt().ifPresent(v -> j.put("resolvedAt", v.toString()));
        }
        return json(o);
    }

    static Notification notification(String json) {
        try {
            JsonNode o = MAPPER.readTree(json);
            List<Notification.Alert> alerts = new ArrayList<>();
            for (JsonNode a : o.path("alerts")) {
                alerts.add(new Notification.Alert(a.path("key").asText(), a.path("message").asText(), text(a, "node"), text(a, "pipeline"),
                        text(a, "component"), text(a, "value"), text(a, "threshold"), Instant.parse(a.path("startedAt").asText()),
                        text(a, "resolvedAt").map(Instant::parse)));
            }
            return new Notification(o.path("eventId").asText(), Notification.Event.valueOf(o.path("event").asText()), o.path("ruleName").asText(),
                    Severity.valueOf(o.path("severity").asText()), o.path("environmentName").asText(), alerts, Instant.parse(o.path("at").asText()),
                    text(o, "link").map(URI::create), o.path("test").asBoolean());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notification is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
