package dev.vectorflow.adapter.http.alert;

import java.util.Optional;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.params.QueryParams;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.alert.AlertStateFilter;
import dev.vectorflow.core.alert.SilenceId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.alert.SaveAlertRuleCommand;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.function.Function;

/**
 * Alerts of an environment: {@code /api/environments/{id}/alert-rules}, {@code /alerts}, {@code /silences} and
 * {@code /alert-channels} (with test sends and delivery history). Viewers read, editors change rules, acknowledge and
 * silence, admins manage channels; channel secrets go in and never come out.
 */
public final class AlertController {

    public static final int MAX_ALERTS = 500;
    public static final int MAX_DELIVERIES = 200;

    private final AlertUseCases alerts;
    private final Access.TeamLocator owningTeam;
    private final JsonBodyReader bodies;

    public AlertController(AlertUseCases alerts, Access.TeamLocator owningTeam, JsonBodyReader bodies) {
        this.alerts = alerts;
        this.owningTeam = owningTeam;
        this.bodies = bodies;
    }

    public void register(ApiRoutes routes) {
        Access viewer = Access.team(Role.VIEWER, owningTeam);
        Access editor = Access.team(Role.EDITOR, owningTeam);
        Access admin = Access.team(Role.ADMIN, owningTeam);
        routes.get("/api/environments/{id}/alert-rules", viewer, this::listRules);
        routes.post("/api/environments/{id}/alert-rules", editor, this::createRule);
        routes.post("/api/environments/{id}/alert-rules/preview", editor, this::previewRule);
        routes.get("/api/environments/{id}/alert-rules/{ruleId}", viewer, this::getRule);
        routes.put("/api/environments/{id}/alert-rules/{ruleId}", editor, this::updateRule);
        routes.delete("/api/environments/{id}/alert-rules/{ruleId}", editor, this::deleteRule);
        routes.get("/api/environments/{id}/alerts", viewer, this::listAlerts);
        routes.get("/api/environments/{id}/alerts/{alertId}", viewer, this::getAlert);
        routes.post("/api/environments/{id}/alerts/{alertId}/acknowledge", editor, this::acknowledge);
        routes.post("/api/environments/{id}/alerts/{alertId}/silence", editor, this::silenceAlert);
        routes.get("/api/environments/{id}/silences", viewer, this::listSilences);
        routes.post("/api/environments/{id}/silences", editor, this::createSilence);
        routes.delete("/api/environments/{id}/silences/{silenceId}", editor, this::deleteSilence);
        routes.get("/api/environments/{id}/alert-channels", viewer, this::listChannels);
        routes.post("/api/environments/{id}/alert-channels", admin, this::createChannel);
        routes.get("/api/environments/{id}/alert-channels/{channelId}", viewer, this::getChannel);
        routes.put("/api/environments/{id}/alert-channels/{channelId}", admin, this::updateChannel);
        routes.delete("/api/environments/{id}/alert-channels/{channelId}", admin, this::deleteChannel);
        routes.post("/api/environments/{id}/alert-channels/{channelId}/test", admin, this::testChannel);
        routes.get("/api/environments/{id}/alert-channels/{channelId}/deliveries", viewer, this::deliveries);
    }

    private static EnvironmentId environment(Context ctx) {
        return EnvironmentId.parse("id", ctx.pathParam("id"));
    }

    /** A malformed id in the path names nothing: 404, as an unknown one. */
    private static <T> T pathId(Context ctx, String name, String kind, Function<String, T> parse) {
        try {
            return parse.apply(ctx.pathParam(name));
        } catch (InvalidValueException e) {
            throw ApiProblem.notFound(kind + " " + ctx.pathParam(name) + " does not exist");
        }
    }

    private static AlertRuleId ruleId(Context ctx) {
        return pathId(ctx, "ruleId", "Alert rule", t -> AlertRuleId.parse("ruleId", t));
    }

    private static AlertId alertId(Context ctx) {
        return pathId(ctx, "alertId", "Alert", t -> AlertId.parse("alertId", t));
    }

    private static AlertChannelId channelId(Context ctx) {
        return pathId(ctx, "channelId", "Alert channel", t -> AlertChannelId.parse("channelId", t));
    }

    private static int limit(Context ctx, int fallback, int max) {
        long limit = QueryParams.longParam(ctx, "limit", fallback);
        if (limit < 1 || limit > max) {
            throw new InvalidValueException("limit", "must be from 1 to " + max + " but was " + limit);
        }
        return (int) limit;
    }

    private void listRules(Context ctx) throws Exception {
        ctx.json(Map.of("items", alerts.queries().rules(environment(ctx)).stream().map(AlertResponses.RuleResponse::fromDomain).toList()));
    }

    private void getRule(Context ctx) throws Exception {
        ctx.json(AlertResponses.RuleResponse.fromDomain(alerts.queries().rule(environment(ctx), ruleId(ctx))));
    }

    private SaveAlertRuleCommand ruleCommand(Context ctx) {
        return AlertRequests.rule(bodies.readObject(ctx), Caller.of(ctx).actor(), environment(ctx));
    }

    private void createRule(Context ctx) throws Exception {
        var rule = alerts.rules().createRule(ruleCommand(ctx));
        ctx.status(HttpStatus.CREATED).header("Location", "/api/environments/" + rule.environmentId() + "/alert-rules/" + rule.id())
                .json(AlertResponses.RuleResponse.fromDomain(rule));
    }

    /** At most this many alerts of a preview are listed ({@code total} counts them all). */
    public static final int MAX_PREVIEW = 100;

    private void previewRule(Context ctx) throws Exception {
        var preview = alerts.rules().previewRule(ruleCommand(ctx), MAX_PREVIEW);
        ctx.json(Map.of("items", preview.alerts().stream().map(AlertResponses.PreviewResponse::fromDomain).toList(), "total", preview.total()));
    }

    private void updateRule(Context ctx) throws Exception {
        AlertRuleId id = ruleId(ctx);
        ctx.json(AlertResponses.RuleResponse.fromDomain(alerts.rules().updateRule(id, ruleCommand(ctx))));
    }

    private void deleteRule(Context ctx) throws Exception {
        alerts.rules().deleteRule(Caller.of(ctx).actor(), environment(ctx), ruleId(ctx));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void listAlerts(Context ctx) throws Exception {
        AlertStateFilter filter = AlertStateFilter.parse("state", ctx.queryParam("state"));
        Optional<NodeId> node = Optional.ofNullable(ctx.queryParam("nodeId")).filter(t -> !t.isBlank()).map(t -> NodeId.parse("nodeId", t.strip()));
        Optional<PipelineId> pipeline = Optional.ofNullable(ctx.queryParam("pipelineId")).filter(t -> !t.isBlank())
                .map(t -> PipelineId.parse("pipelineId", t.strip()));
        ctx.json(Map.of("items", alerts.queries().alerts(environment(ctx), filter, node, pipeline, limit(ctx, 100, MAX_ALERTS)).stream()
                .map(AlertResponses.AlertResponse::fromDomain).toList()));
    }

    private void getAlert(Context ctx) throws Exception {
        ctx.json(AlertResponses.AlertDetailResponse.fromDomain(alerts.queries().alert(environment(ctx), alertId(ctx))));
    }

    private void acknowledge(Context ctx) throws Exception {
        ctx.json(AlertResponses.AlertResponse.fromDomain(alerts.acknowledge().acknowledge(Caller.of(ctx).actor(), environment(ctx), alertId(ctx))));
    }

    private void silenceAlert(Context ctx) throws Exception {
        AlertId alert = alertId(ctx);
        AlertRequests.AlertSilence body = AlertRequests.alertSilence(bodies.readObject(ctx));
        ctx.status(HttpStatus.CREATED).json(AlertResponses.SilenceResponse.fromDomain(alerts.silences().silenceAlert(Caller.of(ctx).actor(),
                environment(ctx), alert, body.until(), body.reason())));
    }

    private void listSilences(Context ctx) throws Exception {
        ctx.json(Map.of("items", alerts.queries().silences(environment(ctx)).stream().map(AlertResponses.SilenceResponse::fromDomain).toList()));
    }

    private void createSilence(Context ctx) throws Exception {
        ctx.status(HttpStatus.CREATED).json(AlertResponses.SilenceResponse.fromDomain(alerts.silences().createSilence(
                AlertRequests.silence(bodies.readObject(ctx), Caller.of(ctx).actor(), environment(ctx)))));
    }

    private void deleteSilence(Context ctx) throws Exception {
        alerts.silences().deleteSilence(Caller.of(ctx).actor(), environment(ctx),
                pathId(ctx, "silenceId", "Silence", t -> SilenceId.parse("silenceId", t)));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void listChannels(Context ctx) throws Exception {
        ctx.json(Map.of("items", alerts.queries().channels(environment(ctx)).stream().map(AlertResponses.ChannelResponse::fromDomain).toList()));
    }

    private void getChannel(Context ctx) throws Exception {
        ctx.json(AlertResponses.ChannelResponse.fromDomain(alerts.queries().channel(environment(ctx), channelId(ctx))));
    }

    private void createChannel(Context ctx) throws Exception {
        var channel = alerts.channels().createChannel(AlertRequests.channel(bodies.readObject(ctx), Caller.of(ctx).actor(), environment(ctx)));
        ctx.status(HttpStatus.CREATED).header("Location", "/api/environments/" + channel.environmentId() + "/alert-channels/" + channel.id())
                .json(AlertResponses.ChannelResponse.fromDomain(channel));
    }

    private void updateChannel(Context ctx) throws Exception {
        AlertChannelId id = channelId(ctx);
        ctx.json(AlertResponses.ChannelResponse.fromDomain(alerts.channels().updateChannel(id,
                AlertRequests.channel(bodies.readObject(ctx), Caller.of(ctx).actor(), environment(ctx)))));
    }

    private void deleteChannel(Context ctx) throws Exception {
        alerts.channels().deleteChannel(Caller.of(ctx).actor(), environment(ctx), channelId(ctx));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void testChannel(Context ctx) throws Exception {
        ctx.json(AlertResponses.TestResponse.fromDomain(alerts.channels().sendTest(Caller.of(ctx).actor(), environment(ctx), channelId(ctx))));
    }

    private void deliveries(Context ctx) throws Exception {
        ctx.json(Map.of("items", alerts.queries().deliveries(environment(ctx), channelId(ctx), limit(ctx, 50, MAX_DELIVERIES)).stream()
                .map(AlertResponses.DeliveryResponse::fromDomain).toList()));
    }
}
