package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.ChannelKind;
import dev.vectorflow.core.alert.Comparison;
import dev.vectorflow.core.alert.MessageTemplate;
import dev.vectorflow.core.alert.NodeMetric;
import dev.vectorflow.core.alert.RetrySchedule;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.alert.Threshold;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.InMemoryAlertChannelRepository;
import dev.vectorflow.ports.fake.InMemoryAlertRepository;
import dev.vectorflow.ports.fake.InMemoryAlertRuleRepository;
import dev.vectorflow.ports.fake.InMemoryDeliveryRepository;
import dev.vectorflow.ports.fake.InMemoryKeyRingRepository;
import dev.vectorflow.ports.fake.InMemorySecretRepository;
import dev.vectorflow.ports.fake.RecordingNotificationSender;
import dev.vectorflow.ports.fake.SequentialIdGenerator;
import dev.vectorflow.ports.fake.ToySecretCipher;
import dev.vectorflow.ports.in.alert.SaveAlertChannelCommand;
import dev.vectorflow.ports.in.alert.SaveAlertRuleCommand;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.secret.KeyRingService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** The alert services wired on in-memory fakes, with readings the test sets. */
final class AlertFixture {

    final FleetFakes fleet = new FleetFakes();
    final InMemoryAlertRepository alerts = fleet.transactions.register(new InMemoryAlertRepository());
    final InMemoryAlertRuleRepository rules = fleet.transactions.register(new InMemoryAlertRuleRepository(alerts));
    final InMemoryAlertChannelRepository channels = fleet.transactions.register(new InMemoryAlertChannelRepository());
    final InMemoryDeliveryRepository deliveries = fleet.transactions.register(new InMemoryDeliveryRepository());
    final RecordingNotificationSender sender = new RecordingNotificationSender();
    final SequentialIdGenerator ids = new SequentialIdGenerator();
    final FleetAudit audit = new FleetAudit(fleet.auditLog, fleet.environments);
    final KeyRingService keyRing = new KeyRingService(fleet.transactions, new InMemoryKeyRingRepository(),
            fleet.transactions.register(new InMemorySecretRepository()), fleet.auditLog, new ToySecretCipher("master"), fleet.clock);
    final ChannelSecrets secrets = new ChannelSecrets(keyRing);
    final DeliveryPolicies policies = new DeliveryPolicies(() -> SettingsSnapshot.resolve(Map.of(), Map.of("alerts.allowedPrivateNetworks",
            "10.20.0.0/16")));
    final Actor actor = Actor.commandLine();
    FleetReadings readings = new FleetReadings();
    final AlertEvaluator evaluator = new AlertEvaluator(fleet.transactions, rules, alerts, deliveries, fleet.environments,
            (r, now) -> readings, ids, fleet.clock);
    final AlertRuleService ruleService = new AlertRuleService(fleet.transactions, rules, channels, fleet.pipelines, audit, ids, fleet.clock,
            (r, now) -> readings);
    final AlertChannelService channelService = new AlertChannelService(fleet.transactions, channels, rules, deliveries, secrets, sender, policies,
            audit, ids, fleet.clock);
    final SilenceService silences = new SilenceService(fleet.transactions, alerts, rules, fleet.pipelines, audit, ids, fleet.clock);
    final AlertQueryService queries = new AlertQueryService(fleet.transactions, rules, alerts, channels, deliveries, audit, fleet.clock);

    AlertFixture() {
        keyRing.initialize();
    }

    NotificationDelivery delivery(Executor executor, RetrySchedule schedule) {
        return new NotificationDelivery(fleet.transactions, deliveries, channels, secrets, sender, policies, schedule, executor, fleet.clock);
    }

    AlertChannelId slack(String name, String host) throws Exception {
        return channelService.createChannel(new SaveAlertChannelCommand(actor, fleet.environment, name, ChannelKind.SLACK, Map.of(),
                Map.of("url", "https://" + host + "/services/T0/B0/secret-token"), true)).id();
    }

    AlertRule cpuRule(Duration forDuration, Duration cooldown, List<AlertChannelId> channels) throws Exception {
        return ruleService.createRule(new SaveAlertRuleCommand(actor, fleet.environment, "cpu high", Severity.CRITICAL,
                new AlertCondition.NodeMetricCondition(NodeMetric.CPU_PERCENT, new Threshold(Comparison.ABOVE, 90, 5), NodeSelector.ALL),
                forDuration, cooldown, new MessageTemplate("{{node}}: CPU {{value}} % over {{threshold}} %"), channels, true));
    }

    void tick(Duration d) {
        fleet.clock.advance(d);
    }
}
