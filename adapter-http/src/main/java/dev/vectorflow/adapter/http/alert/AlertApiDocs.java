package dev.vectorflow.adapter.http.alert;

import static dev.vectorflow.adapter.http.openapi.Schema.array;
import static dev.vectorflow.adapter.http.openapi.Schema.bool;
import static dev.vectorflow.adapter.http.openapi.Schema.dateTime;
import static dev.vectorflow.adapter.http.openapi.Schema.enumeration;
import static dev.vectorflow.adapter.http.openapi.Schema.integer;
import static dev.vectorflow.adapter.http.openapi.Schema.items;
import static dev.vectorflow.adapter.http.openapi.Schema.map;
import static dev.vectorflow.adapter.http.openapi.Schema.nullable;
import static dev.vectorflow.adapter.http.openapi.Schema.number;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.oneOf;
import static dev.vectorflow.adapter.http.openapi.Schema.string;
import static dev.vectorflow.adapter.http.openapi.Schema.uuid;

import dev.vectorflow.adapter.http.alert.AlertResponses.AlertDetailResponse;
import dev.vectorflow.adapter.http.alert.AlertResponses.AlertResponse;
import dev.vectorflow.adapter.http.alert.AlertResponses.ChannelResponse;
import dev.vectorflow.adapter.http.alert.AlertResponses.DeliveryResponse;
import dev.vectorflow.adapter.http.alert.AlertResponses.RuleResponse;
import dev.vectorflow.adapter.http.alert.AlertResponses.SilenceResponse;
import dev.vectorflow.adapter.http.alert.AlertResponses.TestResponse;
import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.openapi.Schema;
import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.LogPattern;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertStateFilter;
import dev.vectorflow.core.alert.ChannelKind;
import dev.vectorflow.core.alert.Comparison;
import dev.vectorflow.core.alert.MessageTemplate;
import dev.vectorflow.core.alert.NodeMetric;
import dev.vectorflow.core.alert.PipelineMetric;
import dev.vectorflow.core.alert.Severity;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/** The alert routes (rules, alerts, silences, channels and their deliveries) in the OpenAPI document; docs/alerts.md tells more. */
public final class AlertApiDocs {

    private AlertApiDocs() {
    }

    private static <E extends Enum<E>> String[] names(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).toArray(String[]::new);
    }

    private static <E extends Enum<E>> String[] lower(E[] values) {
        return names(values, v -> v.name().toLowerCase(Locale.ROOT));
    }

    private static final String SELECTOR = "key=value,key=value: only nodes with all these labels (empty: every node)";

    private static Schema.ObjectSchema kind(String kind) {
        return object().required("kind", enumeration(kind));
    }

    private static Schema threshold(Schema.ObjectSchema condition) {
        return condition
                .required("comparison", enumeration(names(Comparison.values(), Comparison::symbol)))
                .required("threshold", number())
                .optional("hysteresis", number().describedAs("how far back over the threshold the value must go to resolve (default 0)"));
    }

    private static Schema condition() {
        return oneOf(
                threshold(kind(AlertCondition.NodeMetricCondition.KIND)
                        .required("metric", enumeration(names(NodeMetric.values(), NodeMetric::wireName)))
                        .optional("selector", string().describedAs(SELECTOR))),
                threshold(kind(AlertCondition.PipelineMetricCondition.KIND)
                        .required("pipeline", uuid())
                        .optional("component", string().describedAs("a component key; empty for the whole pipeline"))
                        .required("metric", enumeration(names(PipelineMetric.values(), PipelineMetric::wireName)))
                        .optional("perNode", bool().describedAs("one alert per node instead of one for the pipeline (default false)"))),
                kind(AlertCondition.NodeUnreachableCondition.KIND)
                        .optional("selector", string().describedAs(SELECTOR)),
                kind(AlertCondition.PipelineFailingCondition.KIND)
                        .optional("pipeline", uuid().describedAs("one pipeline; absent for any pipeline of the environment")),
                kind(AlertCondition.CertificateExpiringCondition.KIND)
                        .required("days", integer(1, AlertCondition.CertificateExpiringCondition.MAX_DAYS)),
                kind(AlertCondition.DeploymentNotConvergedCondition.KIND)
                        .required("minutes", integer(1, AlertCondition.DeploymentNotConvergedCondition.MAX_MINUTES))
                        .optional("pipeline", uuid().describedAs("one pipeline; absent for every deployment of the environment")),
                kind(AlertCondition.AgentUpdateFailedCondition.KIND)
                        .optional("selector", string().describedAs(SELECTOR)),
                kind(AlertCondition.SecretMissingCondition.KIND),
                kind(AlertCondition.BackupFailedCondition.KIND),
                kind(AlertCondition.ThroughputDropCondition.KIND)
                        .required("pipeline", uuid())
                        .optional("component", string().describedAs("a component key; empty for the whole pipeline"))
                        .required("metric", enumeration("events_in_per_second", "events_out_per_second"))
                        .required("percent", integer(1, 100).describedAs("fires below this percentage of the window's average"))
                        .required("windowMinutes", integer(AlertCondition.ThroughputDropCondition.MIN_WINDOW,
                                AlertCondition.ThroughputDropCondition.MAX_WINDOW)),
                kind(AlertCondition.LogMatchCondition.KIND)
                        .required("pattern", string(LogPattern.MAX_LENGTH).describedAs("a keyword (any case), or a regular expression with regex"))
                        .optional("regex", bool().describedAs("default false; nested repetition and back references are refused"))
                        .optional("pipeline", uuid())
                        .optional("selector", string().describedAs(SELECTOR))
                        .optional("minCount", integer(1, AlertCondition.LogMatchCondition.MAX_MIN_COUNT).describedAs("matching lines per"
                                + " round that fire (default 1)")));
    }

    private static Schema rule() {
        return object()
                .required("name", string(AlertRule.MAX_NAME))
                .optional("severity", enumeration(lower(Severity.values())).describedAs("default warning"))
                .required("condition", condition())
                .optional("forSeconds", integer(0, AlertRule.MAX_FOR.toSeconds()).describedAs("how long the condition must hold before the"
                        + " alert fires (default 0)"))
                .optional("cooldownSeconds", integer(0, AlertRule.MAX_COOLDOWN.toSeconds()).describedAs("quiet time after a resolve"
                        + " (default 0)"))
                .optional("message", string(MessageTemplate.MAX_LENGTH).describedAs("a template with {{fact}} placeholders; facts: "
                        + String.join(", ", MessageTemplate.FACTS.stream().sorted().toList())))
                .optional("channels", array(uuid()).describedAs("at most " + AlertRule.MAX_CHANNELS + " channel ids of the environment"))
                .optional("enabled", bool().describedAs("default true"));
    }

    private static Schema channel() {
        return object()
                .required("name", string(AlertRequests.MAX_CHANNEL_NAME))
                .required("kind", enumeration(lower(ChannelKind.values())))
                .optional("settings", map(string()).describedAs("the kind's open settings (pagerduty: eventsUrl; email: host, port,"
                        + " startTls, username, from, to)"))
                .optional("secrets", map(string()).describedAs("the kind's secret settings, sealed and never shown again (webhook: url,"
                        + " signingSecret; slack, teams: url; pagerduty: routingKey; email: password); on an update an absent secret"
                        + " keeps its value"))
                .optional("enabled", bool().describedAs("default true"));
    }

    private static Schema silenceUntil() {
        return dateTime().describedAs("ISO-8601 instant when the silence ends");
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Alerts");
        docs.get("/api/environments/{id}/alert-rules", "The alert rules of an environment").ok(items(of(RuleResponse.class)));
        docs.post("/api/environments/{id}/alert-rules", "Create an alert rule")
                .description("Every problem of the body is answered at once (400 with each field). Fields of another condition kind are"
                        + " refused.")
                .body(rule())
                .created(of(RuleResponse.class));
        docs.post("/api/environments/{id}/alert-rules/preview", "What a rule as typed (not saved) would raise now")
                .description("Checked as a create (400 with every problem); nothing is stored. At most " + AlertController.MAX_PREVIEW
                        + " alerts are listed; total counts them all.")
                .body(rule())
                .ok(object().required("items", array(of(AlertResponses.PreviewResponse.class))).required("total", integer()));
        docs.get("/api/environments/{id}/alert-rules/{ruleId}", "One alert rule").ok(of(RuleResponse.class));
        docs.put("/api/environments/{id}/alert-rules/{ruleId}", "Replace an alert rule (the whole rule is sent)")
                .body(rule())
                .ok(of(RuleResponse.class));
        docs.delete("/api/environments/{id}/alert-rules/{ruleId}", "Delete an alert rule with its alerts").noContent();

        docs.get("/api/environments/{id}/alerts", "The alerts of an environment, most recently changed first")
                .query("state", enumeration(lower(AlertStateFilter.values())), "only alerts in this state (default all)")
                .query("limit", integer(1, AlertController.MAX_ALERTS), "the most alerts answered (default 100)")
                .ok(items(of(AlertResponse.class)));
        docs.get("/api/environments/{id}/alerts/{alertId}", "One alert with its state transitions").ok(of(AlertDetailResponse.class));
        docs.post("/api/environments/{id}/alerts/{alertId}/acknowledge", "Acknowledge a firing alert (409 when it is not firing)")
                .ok(of(AlertResponse.class));
        docs.post("/api/environments/{id}/alerts/{alertId}/silence", "Silence an alert's rule on the alert's node (the whole rule when the alert is about no node) until a time")
                .body(object().required("until", silenceUntil()).optional("reason", string(AlertRequests.MAX_REASON)))
                .created(of(SilenceResponse.class));

        docs.get("/api/environments/{id}/silences", "The silences of an environment").ok(items(of(SilenceResponse.class)));
        docs.post("/api/environments/{id}/silences", "Create a silence: no notifications for matching alerts until a time")
                .description("Every matcher given (rule, node, pipeline, selector) must match an alert; none at all silences the whole environment."
                        + " until must be in the future, at most 90 days ahead.")
                .body(object().optional("ruleId", nullable(uuid())).optional("nodeId", nullable(uuid()))
                        .optional("pipelineId", nullable(uuid())).optional("selector", string().describedAs(SELECTOR))
                        .required("until", silenceUntil()).optional("reason", string(AlertRequests.MAX_REASON)))
                .created(of(SilenceResponse.class));
        docs.delete("/api/environments/{id}/silences/{silenceId}", "End a silence").noContent();

        docs.get("/api/environments/{id}/alert-channels", "The notification channels of an environment (never their secrets)")
                .ok(items(of(ChannelResponse.class)));
        docs.post("/api/environments/{id}/alert-channels", "Create a notification channel (webhook, Slack, Teams, PagerDuty or e-mail)")
                .description("The address is checked (a 400 lists every reason: not http(s), a private address outside the allowed"
                        + " networks, a host that does not resolve).")
                .body(channel())
                .created(of(ChannelResponse.class));
        docs.get("/api/environments/{id}/alert-channels/{channelId}", "One notification channel (never its secrets)")
                .ok(of(ChannelResponse.class));
        docs.put("/api/environments/{id}/alert-channels/{channelId}", "Replace a notification channel (absent secrets keep their values)")
                .body(channel())
                .ok(of(ChannelResponse.class));
        docs.delete("/api/environments/{id}/alert-channels/{channelId}", "Delete a notification channel (rules stop naming it)").noContent();
        docs.post("/api/environments/{id}/alert-channels/{channelId}/test", "Send a test notification through a channel now and answer how it went")
                .ok(of(TestResponse.class));
        docs.get("/api/environments/{id}/alert-channels/{channelId}/deliveries", "A channel's recent deliveries with their attempts, newest first")
                .query("limit", integer(1, AlertController.MAX_DELIVERIES), "the most deliveries answered (default 50)")
                .ok(items(of(DeliveryResponse.class)));
    }
}
