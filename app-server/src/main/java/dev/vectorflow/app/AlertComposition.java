package dev.vectorflow.app;

import dev.vectorflow.adapter.http.alert.AlertUseCases;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.core.alert.RetrySchedule;
import dev.vectorflow.core.settings.SettingsCatalog;
import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.ports.out.alert.AlertChannelRepository;
import dev.vectorflow.ports.out.alert.AlertRepository;
import dev.vectorflow.ports.out.alert.AlertRuleRepository;
import dev.vectorflow.ports.out.alert.DeliveryRepository;
import dev.vectorflow.ports.out.alert.NotificationSender;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.service.alert.AlertChannelService;
import dev.vectorflow.ports.service.alert.AlertEvaluator;
import dev.vectorflow.ports.service.alert.AlertLinks;
import dev.vectorflow.ports.service.alert.AlertQueryService;
import dev.vectorflow.ports.service.alert.AlertRuleService;
import dev.vectorflow.ports.service.alert.ChannelSecrets;
import dev.vectorflow.ports.service.alert.DeliveryPolicies;
import dev.vectorflow.ports.service.alert.EvaluationWarmUp;
import dev.vectorflow.ports.service.alert.FleetReadingsReader;
import dev.vectorflow.ports.service.alert.NotificationDelivery;
import dev.vectorflow.ports.service.alert.SilenceService;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.fleet.FleetTuning;
import dev.vectorflow.ports.service.secret.KeyRingService;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The alerts feature wired by hand: its use cases for the API, and its two periodic jobs (the evaluation and the
 * delivery dispatch), which run under leases on one server at a time. Deliveries run on virtual threads of their own.
 */
final class AlertComposition implements AutoCloseable {

    static final String EVALUATION = "alert-evaluation";
    static final String DELIVERY = "alert-delivery";
    static final Duration EVALUATE_EVERY = Duration.ofSeconds(10);
    static final Duration DISPATCH_EVERY = Duration.ofSeconds(2);

    /** How often the jobs run and how failed deliveries are retried: {@link #DEFAULT} in production, shorter in tests. */
    record Timings(Duration evaluateEvery, Duration dispatchEvery, RetrySchedule retries) {
        static final Timings DEFAULT = new Timings(EVALUATE_EVERY, DISPATCH_EVERY, RetrySchedule.DEFAULT);
    }

    final AlertUseCases useCases;
    final AlertEvaluator evaluator;
    final NotificationDelivery delivery;
    private final EvaluationWarmUp warmUp;
    private final Timings timings;
    private final ExecutorService deliveryThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vf-alert-delivery-", 0).factory());

    /**
     * @param notificationSender the driven port that reaches webhooks, Slack, Teams, PagerDuty and e-mail (the
     *                           notification adapter)
     */
    AlertComposition(PostgresStore store, KeyRingService keyRing, Supplier<SettingsSnapshot> settings, NotificationSender notificationSender,
                     LiveTelemetry live, FleetTuning tuning, IdGenerator ids, Clock clock, Timings timings) {
        this.timings = timings;
        Transactions tx = store.transactions();
        AlertRuleRepository rules = store.alertRules();
        AlertChannelRepository channels = store.alertChannels();
        AlertRepository alerts = store.alerts();
        DeliveryRepository deliveries = store.alertDeliveries();
        FleetAudit audit = new FleetAudit(store.auditLog(), store.environments());
        ChannelSecrets secrets = new ChannelSecrets(keyRing);
        DeliveryPolicies policies = new DeliveryPolicies(settings);
        AlertQueryService queries = new AlertQueryService(tx, rules, alerts, channels, deliveries, audit, clock);
        // one reader: a rule's preview sees the lines since the evaluation's last round, and moves nothing
        FleetReadingsReader readings = new FleetReadingsReader(tx, store.nodes(), store.deployments(), store.pipelines(), store.telemetry(),
                store.secrets(), live, store.alertInputs(), store.backupRuns());
        AlertLinks links = new AlertLinks(() -> settings.get().optionalText(SettingsCatalog.PUBLIC_URL));
        this.useCases = new AlertUseCases(new AlertRuleService(tx, rules, channels, store.pipelines(), audit, ids, clock, readings),
                new AlertChannelService(tx, channels, rules, deliveries, secrets, notificationSender, policies, audit, ids, clock, links),
                new SilenceService(tx, alerts, rules, store.pipelines(), audit, ids, clock), queries, queries);
        this.evaluator = new AlertEvaluator(tx, rules, alerts, deliveries, store.environments(), readings, ids, clock, links);
        this.warmUp = new EvaluationWarmUp(tx, store.nodes(), live, tuning, clock);
        this.delivery = new NotificationDelivery(tx, deliveries, channels, secrets, notificationSender, policies, timings.retries(),
                deliveryThreads, clock);
    }

    /** The evaluation (once this server's live readings are complete, see {@link EvaluationWarmUp}) and the delivery dispatch as lease-held jobs. */
    List<FleetScheduler.Job> jobs() {
        return List.of(new FleetScheduler.Job(EVALUATION, timings.evaluateEvery(), warmUp.guarding(evaluator::evaluate)),
                new FleetScheduler.Job(DELIVERY, timings.dispatchEvery(), delivery::dispatchDue));
    }

    /**
     * Lets a send in flight finish and record its answer (up to 5 s) before the store closes: a send interrupted after the
     * receiver had it would be sent again by the next server (at least once, under the same webhook-id).
     */
    @Override
    public void close() {
        deliveryThreads.shutdown();
        try {
            if (!deliveryThreads.awaitTermination(5, TimeUnit.SECONDS)) {
                deliveryThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            deliveryThreads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
