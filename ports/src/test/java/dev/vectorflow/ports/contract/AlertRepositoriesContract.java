package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.alert.Acknowledgement;
import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertChannel;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.alert.AlertState;
import dev.vectorflow.core.alert.AlertStateFilter;
import dev.vectorflow.core.alert.AlertSubject;
import dev.vectorflow.core.alert.AlertTransition;
import dev.vectorflow.core.alert.ChannelKind;
import dev.vectorflow.core.alert.Comparison;
import dev.vectorflow.core.alert.DeliveryId;
import dev.vectorflow.core.alert.DeliveryStatus;
import dev.vectorflow.core.alert.MessageTemplate;
import dev.vectorflow.core.alert.NodeMetric;
import dev.vectorflow.core.alert.PipelineMetric;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.alert.Silence;
import dev.vectorflow.core.alert.SilenceId;
import dev.vectorflow.core.alert.Threshold;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.alert.DeliveryAttempt;
import dev.vectorflow.ports.out.alert.DeliveryRepository.DeliveryHistory;
import dev.vectorflow.ports.out.alert.Notification;
import dev.vectorflow.ports.out.alert.QueuedDelivery;
import dev.vectorflow.ports.out.alert.StoredChannel;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every store of the alerts feature must do (rules, channels, alerts with transitions and silences, deliveries);
 * run against the in-memory fakes and against PostgreSQL.
 */
public abstract class AlertRepositoriesContract extends FleetStoreContract {

    private AlertRule rule(EnvironmentId environment, String name, AlertCondition condition, List<AlertChannelId> channels) {
        return new AlertRule(new AlertRuleId(UUID.randomUUID()), environment, name, Severity.WARNING, condition, Duration.ofMinutes(5),
                Duration.ofSeconds(30), new MessageTemplate("{{node}} {{value}}"), channels, true, "user:ann@example.com", T0, T0);
    }

    private AlertChannelId channel(EnvironmentId environment, String name) {
        AlertChannel channel = new AlertChannel(new AlertChannelId(UUID.randomUUID()), environment, name, ChannelKind.EMAIL,
                Map.of("host", "smtp.example.com", "to", "ops@example.com"), Set.of("password"), true, "ann", T0, T0);
        inTransaction(() -> store().alertChannels().insert(new StoredChannel(channel, "vf1:k:sealed")));
        return channel.id();
    }

    @Test
    void alertRuleRepository_keepsEveryKindOfCondition_andForgetsADeletedChannel() {
        EnvironmentId environment = newEnvironment();
        PipelineId pipeline = newPipeline(environment, 1);
        AlertChannelId a = channel(environment, "a");
        AlertChannelId b = channel(environment, "b");
        List<AlertRule> rules = List.of(
                rule(environment, "1 node", new AlertCondition.NodeMetricCondition(NodeMetric.DISK_PERCENT, new Threshold(Comparison.ABOVE, 90.5, 2),
                        NodeSelector.of(Map.of("role", "web"))), List.of(a, b)),
                rule(environment, "2 pipeline", new AlertCondition.PipelineMetricCondition(pipeline, Optional.of(new ComponentKey("out")),
                        PipelineMetric.ERROR_RATE_PERCENT, new Threshold(Comparison.BELOW, 1, 0), true), List.of()),
                rule(environment, "3 unreachable", new AlertCondition.NodeUnreachableCondition(NodeSelector.ALL), List.of(b)),
                rule(environment, "4 failing", new AlertCondition.PipelineFailingCondition(Optional.empty()), List.of()),
                rule(environment, "5 certs", new AlertCondition.CertificateExpiringCondition(14), List.of()),
                rule(environment, "6 converge", new AlertCondition.DeploymentNotConvergedCondition(15, Optional.of(pipeline)), List.of()),
                rule(environment, "7 updates", new AlertCondition.AgentUpdateFailedCondition(NodeSelector.of(Map.of("role", "web"))), List.of()),
                rule(environment, "8 secrets", new AlertCondition.SecretMissingCondition(), List.of()),
                rule(environment, "9 backup", new AlertCondition.BackupFailedCondition(), List.of()),
                rule(environment, "9a throughput", new AlertCondition.ThroughputDropCondition(pipeline, Optional.of(new ComponentKey("out")),
                        PipelineMetric.EVENTS_OUT_PER_SECOND, 40, 60), List.of()),
                rule(environment, "9b logs", new AlertCondition.LogMatchCondition(new dev.vectorflow.core.alert.LogPattern("timeout after \\d+ms", true),
                        Optional.empty(), NodeSelector.ALL, 3), List.of()));
        inTransaction(() -> rules.forEach(store().alertRules()::insert));

        assertThat(inTransaction(() -> store().alertRules().findByEnvironment(environment))).containsExactlyElementsOf(rules);
        inTransaction(() -> store().alertRules().forgetChannel(b));
        assertThat(inTransaction(() -> store().alertRules().findById(rules.getFirst().id()))).hasValueSatisfying(r ->
                assertThat(r.channels()).containsExactly(a));
        assertThat(inTransaction(() -> store().alertRules().findById(rules.get(2).id()))).hasValueSatisfying(r ->
                assertThat(r.channels()).isEmpty());

        AlertRule disabled = new AlertRule(rules.get(3).id(), environment, "4 failing", Severity.CRITICAL, rules.get(3).condition(), Duration.ZERO,
                Duration.ZERO, MessageTemplate.DEFAULT, List.of(), false, "ann", T0, T0.plusSeconds(60));
        inTransaction(() -> store().alertRules().update(disabled));
        assertThat(inTransaction(() -> store().alertRules().findById(disabled.id()))).contains(disabled);
        assertThat(inTransaction(() -> store().alertRules().findEnabled())).extracting(AlertRule::id).doesNotContain(disabled.id())
                .contains(rules.getFirst().id());
        assertThat(inTransaction(() -> store().alertRules().delete(disabled.id()))).isTrue();
        assertThat(inTransaction(() -> store().alertRules().delete(disabled.id()))).isFalse();
    }

    @Test
    void alertChannelRepository_keepsTheSealedSecrets_andRefusesASecondChannelOfTheSameName() {
        EnvironmentId environment = newEnvironment();
        AlertChannelId id = channel(environment, "Ops Mail");
        StoredChannel stored = inTransaction(() -> store().alertChannels().findById(id)).orElseThrow();
        assertThat(stored.sealedSecrets()).isEqualTo("vf1:k:sealed");
        assertThat(stored.channel().settings()).containsEntry("host", "smtp.example.com");
        assertThat(stored.channel().secretsSet()).containsExactly("password");

        assertThatThrownBy(() -> channel(environment, "ops mail")).isInstanceOf(UniqueViolation.class);
        channel(newEnvironment(), "ops mail");
        assertThat(inTransaction(() -> store().alertChannels().findByEnvironment(environment))).hasSize(1);
        assertThat(inTransaction(() -> store().alertChannels().delete(id))).isTrue();
        assertThat(inTransaction(() -> store().alertChannels().findById(id))).isEmpty();
    }

    @Test
    void alertRepository_keepsEachStateAndItsTransitions_filtersByState_andForgetsTheAlertsOfADeletedRule() {
        EnvironmentId environment = newEnvironment();
        AlertRule rule = rule(environment, "cpu", new AlertCondition.NodeUnreachableCondition(NodeSelector.ALL), List.of());
        inTransaction(() -> store().alertRules().insert(rule));
        NodeId node = new NodeId(UUID.randomUUID());
        Alert pending = new Alert(new AlertId(UUID.randomUUID()), rule.id(), environment, AlertSubject.node(node), Severity.WARNING,
                new AlertState.Pending(T0, Optional.of(T0.minusSeconds(600))), 91.5, Map.of("node", "web-1", "value", "91.5"), false, T0);
        Alert acknowledged = new Alert(new AlertId(UUID.randomUUID()), rule.id(), environment,
                new AlertSubject(Optional.of(new NodeId(UUID.randomUUID())), Optional.of(new PipelineId(UUID.randomUUID())), Optional.of("out"),
                        Optional.empty()), Severity.CRITICAL,
                new AlertState.Firing(T0, T0.plusSeconds(60), Optional.of(new Acknowledgement("user:bob", T0.plusSeconds(90)))), Double.NaN,
                Map.of(), true, T0.plusSeconds(90));
        Alert resolved = new Alert(new AlertId(UUID.randomUUID()), rule.id(), environment,
                new AlertSubject(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("edge-tls")), Severity.INFO,
                new AlertState.Resolved(T0, T0.plusSeconds(30)), 3, Map.of(), false, T0.plusSeconds(30));
        inTransaction(() -> {
            store().alerts().save(pending);
            store().alerts().save(acknowledged);
            store().alerts().save(resolved);
            store().alerts().recordTransition(new AlertTransition(pending.id(), Optional.empty(), "PENDING", 91.5, T0, Optional.empty()));
            store().alerts().recordTransition(new AlertTransition(pending.id(), Optional.of("PENDING"), "FIRING", Double.NaN, T0.plusSeconds(5),
                    Optional.of("user:bob")));
        });

        assertThat(inTransaction(() -> store().alerts().findById(pending.id()))).contains(pending);
        assertThat(inTransaction(() -> store().alerts().findById(acknowledged.id()))).hasValueSatisfying(a -> {
            assertThat(a.state()).isEqualTo(acknowledged.state());
            assertThat(a.value()).isNaN();
            assertThat(a.subject()).isEqualTo(acknowledged.subject());
        });
        assertThat(inTransaction(() -> store().alerts().findByEnvironment(environment, AlertStateFilter.ALL, 10))).extracting(Alert::id)
                .containsExactly(acknowledged.id(), resolved.id(), pending.id());
        assertThat(inTransaction(() -> store().alerts().findByEnvironment(environment, AlertStateFilter.ACKNOWLEDGED, 10))).extracting(Alert::id)
                .containsExactly(acknowledged.id());
        assertThat(inTransaction(() -> store().alerts().findByEnvironment(environment, AlertStateFilter.PENDING, 10))).extracting(Alert::id)
                .containsExactly(pending.id());
        assertThat(inTransaction(() -> store().alerts().findByEnvironment(environment, AlertStateFilter.ALL, 1))).hasSize(1);
        // about one node, one pipeline, or both
        NodeId acknowledgedNode = acknowledged.subject().node().orElseThrow();
        PipelineId acknowledgedPipeline = acknowledged.subject().pipeline().orElseThrow();
        assertThat(inTransaction(() -> store().alerts().findByEnvironment(environment, AlertStateFilter.ALL, Optional.of(node), Optional.empty(),
                10))).extracting(Alert::id).containsExactly(pending.id());
        assertThat(inTransaction(() -> store().alerts().findByEnvironment(environment, AlertStateFilter.ALL, Optional.empty(),
                Optional.of(acknowledgedPipeline), 10))).extracting(Alert::id).containsExactly(acknowledged.id());
        assertThat(inTransaction(() -> store().alerts().findByEnvironment(environment, AlertStateFilter.ALL, Optional.of(acknowledgedNode),
                Optional.of(acknowledgedPipeline), 10))).extracting(Alert::id).containsExactly(acknowledged.id());
        assertThat(inTransaction(() -> store().alerts().findByEnvironment(environment, AlertStateFilter.ALL, Optional.of(node),
                Optional.of(acknowledgedPipeline), 10))).isEmpty();
        assertThat(inTransaction(() -> store().alerts().transitions(pending.id(), 10))).extracting(AlertTransition::to, AlertTransition::by)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("FIRING", Optional.of("user:bob")),
                        org.assertj.core.groups.Tuple.tuple("PENDING", Optional.empty()));

        Alert fired = new Alert(pending.id(), rule.id(), environment, pending.subject(), Severity.WARNING,
                new AlertState.Firing(T0, T0.plusSeconds(300), Optional.empty()), 95, pending.facts(), false, T0.plusSeconds(300));
        inTransaction(() -> store().alerts().save(fired));
        assertThat(inTransaction(() -> store().alerts().findById(pending.id()))).contains(fired);

        assertThat(inTransaction(() -> store().alerts().deleteResolvedBefore(T0.plusSeconds(31)))).isEqualTo(1);
        inTransaction(() -> store().alertRules().delete(rule.id()));
        assertThat(inTransaction(() -> store().alerts().findByEnvironment(environment, AlertStateFilter.ALL, 10))).isEmpty();
        assertThat(inTransaction(() -> store().alerts().transitions(pending.id(), 10))).isEmpty();
    }

    @Test
    void alertRepository_listsTheSilencesThatHaveNotEnded() {
        EnvironmentId environment = newEnvironment();
        Silence ending = new Silence(new SilenceId(UUID.randomUUID()), environment, Optional.of(new AlertRuleId(UUID.randomUUID())),
                Optional.of(new NodeId(UUID.randomUUID())), Optional.of(new PipelineId(UUID.randomUUID())), NodeSelector.ALL, T0.plusSeconds(60),
                "short", "ann", T0);
        Silence long_ = new Silence(new SilenceId(UUID.randomUUID()), environment, Optional.empty(), Optional.empty(), Optional.empty(),
                NodeSelector.of(Map.of("role", "web")), T0.plusSeconds(3600), "", "ann", T0);
        inTransaction(() -> {
            store().alerts().insertSilence(ending);
            store().alerts().insertSilence(long_);
        });
        assertThat(inTransaction(() -> store().alerts().activeSilences(Optional.of(environment), T0))).containsExactly(ending, long_);
        assertThat(inTransaction(() -> store().alerts().activeSilences(Optional.of(environment), T0.plusSeconds(60)))).containsExactly(long_);
        assertThat(inTransaction(() -> store().alerts().activeSilences(Optional.empty(), T0.plusSeconds(60)))).contains(long_).doesNotContain(ending);
        assertThat(inTransaction(() -> store().alerts().findSilence(long_.id()))).contains(long_);
        assertThat(inTransaction(() -> store().alerts().deleteSilence(long_.id()))).isTrue();
        assertThat(inTransaction(() -> store().alerts().activeSilences(Optional.of(environment), T0))).containsExactly(ending);
    }

    @Test
    void deliveryRepository_handsOutDueDeliveries_recordsEveryAttempt_andKeepsTheNotificationWhole() {
        AlertChannelId channel = new AlertChannelId(UUID.randomUUID());
        Notification notification = new Notification("evt-1", Notification.Event.RESOLVED, "cpu", Severity.CRITICAL, "prod",
                List.of(new Notification.Alert("r/node=1", "web-1: 95", Optional.of("web-1"), Optional.empty(), Optional.of("out"), Optional.of("95"),
                        Optional.of("90"), T0, Optional.of(T0.plusSeconds(60)))), T0.plusSeconds(60), Optional.of(URI.create("https://vf.example.com/a")),
                false);
        QueuedDelivery first = new QueuedDelivery(new DeliveryId(UUID.randomUUID()), channel, notification, DeliveryStatus.QUEUED, 0, T0, T0);
        QueuedDelivery later = new QueuedDelivery(new DeliveryId(UUID.randomUUID()), channel, notification, DeliveryStatus.QUEUED, 0,
                T0.plusSeconds(30), T0.plusSeconds(1));
        inTransaction(() -> {
            store().alertDeliveries().enqueue(first);
            store().alertDeliveries().enqueue(later);
        });
        assertThat(inTransaction(() -> store().alertDeliveries().due(T0, 100))).filteredOn(d -> d.channel().equals(channel)).containsExactly(first);

        DeliveryAttempt failed = new DeliveryAttempt(T0, OptionalInt.of(503), Duration.ofMillis(120), Optional.of("HTTP 503"));
        DeliveryAttempt timedOut = new DeliveryAttempt(T0.plusSeconds(10), OptionalInt.empty(), Duration.ofSeconds(10), Optional.of("timed out"));
        inTransaction(() -> store().alertDeliveries().recordAttempt(first.id(), failed, DeliveryStatus.QUEUED, Optional.of(T0.plusSeconds(10))));
        inTransaction(() -> store().alertDeliveries().recordAttempt(first.id(), timedOut, DeliveryStatus.DEAD, Optional.empty()));

        assertThat(inTransaction(() -> store().alertDeliveries().due(T0.plusSeconds(3600), 100))).filteredOn(d -> d.channel().equals(channel))
                .containsExactly(later);
        List<DeliveryHistory> history = inTransaction(() -> store().alertDeliveries().ofChannel(channel, 10));
        assertThat(history).extracting(h -> h.delivery().id()).containsExactly(later.id(), first.id());
        DeliveryHistory dead = history.get(1);
        assertThat(dead.delivery().status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(dead.delivery().attempts()).isEqualTo(2);
        assertThat(dead.delivery().notification()).isEqualTo(notification);
        assertThat(dead.attempts()).containsExactly(timedOut, failed);
        assertThat(inTransaction(() -> store().alertDeliveries().ofChannel(channel, 1))).hasSize(1);
    }
}
