package dev.vectorflow.adapter.http.alert;

import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.alert.ChannelKind;
import dev.vectorflow.core.alert.Comparison;
import dev.vectorflow.core.alert.LogPattern;
import dev.vectorflow.core.alert.MessageTemplate;
import dev.vectorflow.core.alert.NodeMetric;
import dev.vectorflow.core.alert.PipelineMetric;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.alert.Threshold;
import dev.vectorflow.core.alert.WebhookHeaders;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.PlainText;
import dev.vectorflow.ports.in.alert.CreateSilenceCommand;
import dev.vectorflow.ports.in.alert.SaveAlertChannelCommand;
import dev.vectorflow.ports.in.alert.SaveAlertRuleCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the alert routes' bodies into commands, collecting every problem of a body before answering 400 with all of them. */
final class AlertRequests {

    private static final Set<String> RULE_FIELDS = Set.of("name", "severity", "condition", "forSeconds", "cooldownSeconds", "message", "channels",
            "enabled");
    private static final Set<String> THRESHOLD_FIELDS = Set.of("kind", "metric", "comparison", "threshold", "hysteresis");

    /** The longest name of a channel. */
    static final int MAX_CHANNEL_NAME = 100;
    /** The longest reason of a silence. */
    static final int MAX_REASON = 500;

    private AlertRequests() {
    }

    static SaveAlertRuleCommand rule(ObjectNode body, Actor actor, EnvironmentId environment) {
        JsonFields f = new JsonFields(body, RULE_FIELDS);
        Optional<String> name = f.convert(f.requiredText("name"), n -> PlainText.requireSingleLine("name", n, AlertRule.MAX_NAME));
        Optional<Severity> severity = f.convert(f.optionalText("severity", "warning"), AlertRequests::severity);
        Optional<AlertCondition> condition = f.requiredObject("condition", CONDITION_FIELDS).flatMap(AlertRequests::condition);
        Optional<Duration> forDuration = f.convert(f.optionalLong("forSeconds"), s -> AlertRule.requireDuration("forSeconds", seconds(s),
                AlertRule.MAX_FOR));
        Optional<Duration> cooldown = f.convert(f.optionalLong("cooldownSeconds"), s -> AlertRule.requireDuration("cooldownSeconds", seconds(s),
                AlertRule.MAX_COOLDOWN));
        Optional<MessageTemplate> message = f.convert(f.optionalText("message", null), MessageTemplate::new);
        Optional<List<AlertChannelId>> channels = f.has("channels") ? f.convert(f.requiredStringList("channels"), AlertRequests::channelIds)
                : Optional.of(List.of());
        Optional<Boolean> enabled = f.optionalBoolean("enabled");
        f.throwIfInvalid();
        return new SaveAlertRuleCommand(actor, environment, name.orElseThrow(), severity.orElse(Severity.WARNING), condition.orElseThrow(),
                forDuration.orElse(Duration.ZERO), cooldown.orElse(Duration.ZERO), message.orElseGet(() -> MessageTemplate.defaultFor(condition.orElseThrow())), channels.orElseThrow(),
                enabled.orElse(true));
    }

    /** Seconds as a duration, clamped to ±10 years (the rule's own check then names the field and the range). */
    private static Duration seconds(long s) {
        long tenYears = Duration.ofDays(3650).getSeconds();
        return Duration.ofSeconds(Math.max(-tenYears, Math.min(s, tenYears)));
    }

    private static List<AlertChannelId> channelIds(List<String> ids) {
        if (ids.size() > AlertRule.MAX_CHANNELS) {
            throw new InvalidValueException("channels", "may name at most " + AlertRule.MAX_CHANNELS + " channels but names " + ids.size());
        }
        List<AlertChannelId> parsed = new ArrayList<>();
        for (String id : ids) {
            parsed.add(AlertChannelId.parse("channels", id));
        }
        return parsed;
    }

    static Severity severity(String text) {
        try {
            return Severity.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("severity", "must be info, warning or critical but was '" + text + "'");
        }
    }

    /** The condition of its kind; every field problem is recorded on {@code c} (as {@code condition.x}). */
    private static Optional<AlertCondition> condition(JsonFields c) {
        Optional<String> kind = c.requiredText("kind");
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        try {
            return switch (kind.get()) {
                case AlertCondition.NodeMetricCondition.KIND -> {
                    Optional<NodeMetric> metric = c.convert(c.requiredText("metric"), m -> NodeMetric.parse("metric", m));
                    Optional<Threshold> threshold = threshold(c);
                    Optional<NodeSelector> selector = c.convert(c.optionalText("selector", ""), s -> NodeSelector.parse("selector", s));
                    refuseOthers(c, kind.get());
                    yield metric.isEmpty() || threshold.isEmpty() || c.has("selector") && selector.isEmpty() ? Optional.empty()
                            : Optional.of(new AlertCondition.NodeMetricCondition(metric.get(), threshold.get(), selector.orElse(NodeSelector.ALL)));
                }
                case AlertCondition.PipelineMetricCondition.KIND -> {
                    Optional<PipelineId> pipeline = c.convert(c.requiredText("pipeline"), p -> PipelineId.parse("pipeline", p));
                    Optional<Optional<ComponentKey>> component = optionalComponent(c);
                    Optional<PipelineMetric> metric = c.convert(c.requiredText("metric"), m -> PipelineMetric.parse("metric", m));
                    Optional<Threshold> threshold = threshold(c);
                    Optional<Boolean> perNode = c.optionalBoolean("perNode");
                    refuseOthers(c, kind.get());
                    yield pipeline.isEmpty() || component.isEmpty() || metric.isEmpty() || threshold.isEmpty() ? Optional.empty()
                            : Optional.of(new AlertCondition.PipelineMetricCondition(pipeline.get(), component.get(), metric.get(), threshold.get(),
                                    perNode.orElse(false)));
                }
                case AlertCondition.NodeUnreachableCondition.KIND -> onSelector(c, kind.get(), AlertCondition.NodeUnreachableCondition::new);
                case AlertCondition.PipelineFailingCondition.KIND -> {
                    Optional<String> text = c.optionalText("pipeline", "");
                    Optional<PipelineId> pipeline = text.filter(t -> !t.isBlank()).flatMap(t -> c.convert(Optional.of(t), p -> PipelineId.parse("pipeline", p)));
                    refuseOthers(c, kind.get());
                    yield text.filter(t -> !t.isBlank()).isPresent() && pipeline.isEmpty() ? Optional.empty()
                            : Optional.of(new AlertCondition.PipelineFailingCondition(pipeline));
                }
                case AlertCondition.CertificateExpiringCondition.KIND -> {
                    Optional<Long> days = c.optionalLong("days");
                    refuseOthers(c, kind.get());
                    if (days.isEmpty() && !c.has("days")) {
                        yield c.convert(Optional.of(0L), d -> {
                            throw new InvalidValueException("days", "is required");
                        });
                    }
                    yield c.convert(days, d -> new AlertCondition.CertificateExpiringCondition((int) Math.max(Integer.MIN_VALUE,
                            Math.min(Integer.MAX_VALUE, d))));
                }
                case AlertCondition.DeploymentNotConvergedCondition.KIND -> {
                    Optional<Integer> minutes = requiredInt(c, "minutes", 1, AlertCondition.DeploymentNotConvergedCondition.MAX_MINUTES);
                    Optional<Optional<PipelineId>> pipeline = optionalPipeline(c);
                    refuseOthers(c, kind.get());
                    yield minutes.isEmpty() || pipeline.isEmpty() ? Optional.empty()
                            : Optional.of(new AlertCondition.DeploymentNotConvergedCondition(minutes.get(), pipeline.get()));
                }
                case AlertCondition.AgentUpdateFailedCondition.KIND -> onSelector(c, kind.get(), AlertCondition.AgentUpdateFailedCondition::new);
                case AlertCondition.SecretMissingCondition.KIND -> {
                    refuseOthers(c, kind.get());
                    yield Optional.of(new AlertCondition.SecretMissingCondition());
                }
                case AlertCondition.BackupFailedCondition.KIND -> {
                    refuseOthers(c, kind.get());
                    yield Optional.of(new AlertCondition.BackupFailedCondition());
                }
                case AlertCondition.ThroughputDropCondition.KIND -> {
                    Optional<PipelineId> pipeline = c.convert(c.requiredText("pipeline"), p -> PipelineId.parse("pipeline", p));
                    Optional<Optional<ComponentKey>> component = optionalComponent(c);
                    Optional<PipelineMetric> metric = c.convert(c.requiredText("metric"), AlertRequests::throughputMetric);
                    Optional<Integer> percent = requiredInt(c, "percent", 1, 100);
                    Optional<Integer> window = requiredInt(c, "windowMinutes", AlertCondition.ThroughputDropCondition.MIN_WINDOW,
                            AlertCondition.ThroughputDropCondition.MAX_WINDOW);
                    refuseOthers(c, kind.get());
                    yield pipeline.isEmpty() || component.isEmpty() || metric.isEmpty() || percent.isEmpty() || window.isEmpty() ? Optional.empty()
                            : Optional.of(new AlertCondition.ThroughputDropCondition(pipeline.get(), component.get(), metric.get(), percent.get(),
                                    window.get()));
                }
                case AlertCondition.LogMatchCondition.KIND -> {
                    Optional<Boolean> regex = c.optionalBoolean("regex");
                    Optional<LogPattern> pattern = c.convert(c.requiredText("pattern"), p -> new LogPattern(p, regex.orElse(false)));
                    Optional<Optional<PipelineId>> pipeline = optionalPipeline(c);
                    Optional<NodeSelector> selector = c.convert(c.optionalText("selector", ""), s -> NodeSelector.parse("selector", s));
                    Optional<Integer> minCount = c.optionalInt("minCount", 1, AlertCondition.LogMatchCondition.MAX_MIN_COUNT);
                    refuseOthers(c, kind.get());
                    // a bad regex, selector or minCount is among the problems already: the answer is a 400 whatever this yields
                    yield pattern.isEmpty() || pipeline.isEmpty() || c.has("selector") && selector.isEmpty() ? Optional.empty()
                            : Optional.of(new AlertCondition.LogMatchCondition(pattern.get(), pipeline.get(), selector.orElse(NodeSelector.ALL),
                                    minCount.orElse(1)));
                }
                default -> c.convert(kind, k -> {
                    throw new InvalidValueException("kind", "must be one of " + String.join(", ", KIND_FIELDS.keySet()) + " but was '" + k + "'");
                });
            };
        } catch (InvalidValueException e) {
            return c.convert(Optional.of(e), x -> {
                throw x;
            });
        }
    }

    /** The fields each kind takes (besides {@code kind}), in the order the kinds are listed. */
    private static final Map<String, Set<String>> KIND_FIELDS = kindFields();

    private static Map<String, Set<String>> kindFields() {
        Map<String, Set<String>> fields = new java.util.LinkedHashMap<>();
        fields.put(AlertCondition.NodeMetricCondition.KIND, Set.of("metric", "comparison", "threshold", "hysteresis", "selector"));
        fields.put(AlertCondition.PipelineMetricCondition.KIND, Set.of("pipeline", "component", "metric", "comparison", "threshold", "hysteresis",
                "perNode"));
        fields.put(AlertCondition.NodeUnreachableCondition.KIND, Set.of("selector"));
        fields.put(AlertCondition.PipelineFailingCondition.KIND, Set.of("pipeline"));
        fields.put(AlertCondition.CertificateExpiringCondition.KIND, Set.of("days"));
        fields.put(AlertCondition.DeploymentNotConvergedCondition.KIND, Set.of("minutes", "pipeline"));
        fields.put(AlertCondition.AgentUpdateFailedCondition.KIND, Set.of("selector"));
        fields.put(AlertCondition.SecretMissingCondition.KIND, Set.of());
        fields.put(AlertCondition.BackupFailedCondition.KIND, Set.of());
        fields.put(AlertCondition.ThroughputDropCondition.KIND, Set.of("pipeline", "component", "metric", "percent", "windowMinutes"));
        fields.put(AlertCondition.LogMatchCondition.KIND, Set.of("pattern", "regex", "pipeline", "selector", "minCount"));
        return java.util.Collections.unmodifiableMap(fields);
    }

    private static final Set<String> CONDITION_FIELDS = conditionFields();

    private static Set<String> conditionFields() {
        Set<String> all = new java.util.HashSet<>(Set.of("kind"));
        KIND_FIELDS.values().forEach(all::addAll);
        return Set.copyOf(all);
    }

    /** A condition of a kind whose only field is a node selector (default: every node). */
    private static Optional<AlertCondition> onSelector(JsonFields c, String kind, java.util.function.Function<NodeSelector, AlertCondition> make) {
        Optional<NodeSelector> selector = c.convert(c.optionalText("selector", ""), s -> NodeSelector.parse("selector", s));
        refuseOthers(c, kind);
        return c.has("selector") && selector.isEmpty() ? Optional.empty() : Optional.of(make.apply(selector.orElse(NodeSelector.ALL)));
    }

    private static Optional<Integer> requiredInt(JsonFields c, String field, int min, int max) {
        if (!c.has(field)) {
            return c.convert(Optional.of(0), x -> {
                throw new InvalidValueException(field, "is required");
            });
        }
        return c.optionalInt(field, min, max);
    }

    /** An optional pipeline id (absent, null or blank: every pipeline); empty when it does not parse. */
    private static Optional<Optional<PipelineId>> optionalPipeline(JsonFields c) {
        Optional<String> text = c.optionalText("pipeline", "");
        if (text.isEmpty() || text.get().isBlank()) {
            return c.has("pipeline") && text.isEmpty() ? Optional.empty() : Optional.of(Optional.empty());
        }
        return c.convert(text, p -> Optional.of(PipelineId.parse("pipeline", p)));
    }

    private static Optional<Optional<ComponentKey>> optionalComponent(JsonFields c) {
        return c.has("component") && !c.optionalText("component", "").orElse("").isEmpty()
                ? c.convert(c.optionalText("component", ""), k -> Optional.of(componentKey(k))) : Optional.of(Optional.empty());
    }

    private static PipelineMetric throughputMetric(String text) {
        PipelineMetric metric = PipelineMetric.parse("metric", text);
        if (metric != PipelineMetric.EVENTS_IN_PER_SECOND && metric != PipelineMetric.EVENTS_OUT_PER_SECOND) {
            throw new InvalidValueException("metric", "must be events_in_per_second or events_out_per_second but was '" + text + "'");
        }
        return metric;
    }

    /** Fields another kind takes are refused, so a mistaken kind does not silently drop them. */
    private static void refuseOthers(JsonFields c, String kind) {
        Set<String> own = KIND_FIELDS.getOrDefault(kind, Set.of());
        for (String field : CONDITION_FIELDS.stream().sorted().toList()) {
            if (!field.equals("kind") && !own.contains(field) && c.has(field)) {
                c.convert(Optional.of(field), x -> {
                    throw new InvalidValueException(x, "is not a field of a " + kind + " condition");
                });
            }
        }
    }

    private static ComponentKey componentKey(String key) {
        try {
            return new ComponentKey(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("component", "must be a component key but was '" + key + "'");
        }
    }

    private static Optional<Threshold> threshold(JsonFields c) {
        Optional<Comparison> comparison = c.convert(c.requiredText("comparison"), t -> Comparison.parse("comparison", t));
        Optional<Double> value = c.optionalNumber("threshold");
        if (!c.has("threshold")) {
            c.convert(Optional.of(0), x -> {
                throw new InvalidValueException("threshold", "is required");
            });
        }
        Optional<Double> hysteresis = c.optionalNumber("hysteresis");
        if (comparison.isEmpty() || value.isEmpty() || c.has("hysteresis") && hysteresis.isEmpty()) {
            return Optional.empty();
        }
        return c.convert(value, v -> new Threshold(comparison.get(), v, hysteresis.orElse(0.0)));
    }

    private static final Set<String> CHANNEL_FIELDS = Set.of("name", "kind", "settings", "secrets", "enabled");

    static SaveAlertChannelCommand channel(ObjectNode body, Actor actor, EnvironmentId environment) {
        // a webhook's settings.headers is an object of its own: read apart, kept among the settings as headers.<name>
        ObjectNode read = body.deepCopy();
        JsonNode headers = read.get("settings") instanceof ObjectNode settingsNode ? settingsNode.remove("headers") : null;
        JsonFields f = new JsonFields(read, CHANNEL_FIELDS);
        Optional<String> name = f.convert(f.requiredText("name"), n -> PlainText.requireSingleLine("name", n, MAX_CHANNEL_NAME));
        Optional<ChannelKind> kind = f.convert(f.requiredText("kind"), AlertRequests::kind);
        Optional<Map<String, String>> headerSettings = f.convert(Optional.ofNullable(headers), AlertRequests::headers);
        Optional<Map<String, String>> settings = f.optionalStringMap("settings").map(s -> {
            Map<String, String> all = new LinkedHashMap<>(s);
            headerSettings.ifPresent(all::putAll);
            return all;
        });
        Optional<Map<String, String>> secrets = f.optionalStringMap("secrets");
        Optional<Boolean> enabled = f.optionalBoolean("enabled");
        f.throwIfInvalid();
        return new SaveAlertChannelCommand(actor, environment, name.orElseThrow(), kind.orElseThrow(), settings.orElseThrow(), secrets.orElseThrow(),
                enabled.orElse(true));
    }

    /**
     * {@code settings.headers}: an object of strings (at most {@link WebhookHeaders#MAX_HEADERS}), each value stripped, no
     * name twice in another case; as settings {@code headers.<name>}. Names and values are checked with the channel.
     */
    private static Map<String, String> headers(JsonNode headers) {
        if (headers.isNull()) {
            return Map.of();
        }
        if (!headers.isObject()) {
            throw new InvalidValueException("settings.headers", "must be an object of header names and values but was "
                    + kindOf(headers));
        }
        if (headers.size() > WebhookHeaders.MAX_HEADERS) {
            throw new InvalidValueException("settings.headers", "may hold at most " + WebhookHeaders.MAX_HEADERS + " headers but has "
                    + headers.size());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            if (!header.getValue().isTextual()) {
                throw new InvalidValueException("settings.headers", "must give each header a string but '"
                        + shown(header.getKey()) + "' is " + kindOf(header.getValue()));
            }
            if (!seen.add(header.getKey().toLowerCase(Locale.ROOT))) {
                throw new InvalidValueException("settings.headers", "names '" + shown(header.getKey())
                        + "' twice (header names ignore case)");
            }
            settings.put(WebhookHeaders.SETTINGS_PREFIX + header.getKey(), header.getValue().textValue().strip());
        }
        return settings;
    }

    /** A header name as an error message may show it: no control characters, at most 100 characters. */
    private static String shown(String name) {
        String flat = name.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 100 ? flat : flat.substring(0, 99) + "…";
    }

    private static String kindOf(JsonNode node) {
        return node.isObject() ? "an object" : node.isArray() ? "a list" : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean"
                : "a string";
    }

    private static ChannelKind kind(String text) {
        try {
            return ChannelKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("kind", "must be webhook, slack, teams, pagerduty or email but was '" + text + "'");
        }
    }

    private static final Set<String> SILENCE_FIELDS = Set.of("ruleId", "nodeId", "pipelineId", "selector", "until", "reason");

    static CreateSilenceCommand silence(ObjectNode body, Actor actor, EnvironmentId environment) {
        JsonFields f = new JsonFields(body, SILENCE_FIELDS);
        Optional<Optional<AlertRuleId>> rule = optionalId(f, "ruleId", t -> AlertRuleId.parse("ruleId", t));
        Optional<Optional<NodeId>> node = optionalId(f, "nodeId", t -> NodeId.parse("nodeId", t));
        Optional<Optional<PipelineId>> pipeline = optionalId(f, "pipelineId", t -> PipelineId.parse("pipelineId", t));
        Optional<NodeSelector> selector = f.convert(f.optionalText("selector", ""), s -> NodeSelector.parse("selector", s));
        Optional<Instant> until = f.convert(f.requiredText("until"), AlertRequests::instant);
        Optional<String> reason = f.convert(f.optionalText("reason", ""), r -> PlainText.optionalLine("reason", r, MAX_REASON));
        f.throwIfInvalid();
        return new CreateSilenceCommand(actor, environment, rule.orElseThrow(), node.orElseThrow(), pipeline.orElseThrow(), selector.orElse(NodeSelector.ALL),
                until.orElseThrow(), reason.orElse(""));
    }

    private static <T> Optional<Optional<T>> optionalId(JsonFields f, String field, java.util.function.Function<String, T> parse) {
        Optional<String> text = f.optionalText(field, "");
        if (text.isEmpty() || text.get().isBlank()) {
            return f.has(field) && text.isEmpty() ? Optional.empty() : Optional.of(Optional.empty());
        }
        return f.convert(text, t -> Optional.of(parse.apply(t)));
    }

    /** {@code until} and {@code reason} of an alert's silence. */
    record AlertSilence(Instant until, String reason) {
    }

    static AlertSilence alertSilence(ObjectNode body) {
        JsonFields f = new JsonFields(body, Set.of("until", "reason"));
        Optional<Instant> until = f.convert(f.requiredText("until"), AlertRequests::instant);
        Optional<String> reason = f.convert(f.optionalText("reason", ""), r -> PlainText.optionalLine("reason", r, MAX_REASON));
        f.throwIfInvalid();
        return new AlertSilence(until.orElseThrow(), reason.orElse(""));
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("until", "must be an ISO-8601 instant such as 2026-12-07T06:00:00Z but was '" + text + "'");
        }
    }
}
