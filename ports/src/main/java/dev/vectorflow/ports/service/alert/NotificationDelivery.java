package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.DeliveryStatus;
import dev.vectorflow.core.alert.RetrySchedule;
import dev.vectorflow.ports.out.alert.AlertChannelRepository;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryAttempt;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import dev.vectorflow.ports.out.alert.DeliveryRepository;
import dev.vectorflow.ports.out.alert.NotificationSender;
import dev.vectorflow.ports.out.alert.QueuedDelivery;
import dev.vectorflow.ports.out.alert.StoredChannel;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The delivery worker: hands the due deliveries of each channel to a task of its own (at most one at a time per
 * channel), so a receiver that hangs or fails holds up only its own channel and never the evaluator. Each attempt is
 * stored with its outcome; a failure is tried again after the retry schedule's wait, and becomes a dead letter after the
 * last attempt or when it cannot succeed.
 */
public final class NotificationDelivery {

    /** At most this many due deliveries are picked up per dispatch. */
    static final int BATCH = 500;

    private final Transactions transactions;
    private final DeliveryRepository deliveries;
    private final AlertChannelRepository channels;
    private final ChannelSecrets secrets;
    private final NotificationSender sender;
    private final Supplier<DeliveryPolicy> policy;
    private final RetrySchedule schedule;
    private final Executor executor;
    private final Clock clock;
    private final Set<AlertChannelId> busy = ConcurrentHashMap.newKeySet();

    public NotificationDelivery(Transactions transactions, DeliveryRepository deliveries, AlertChannelRepository channels, ChannelSecrets secrets,
                                NotificationSender sender, Supplier<DeliveryPolicy> policy, RetrySchedule schedule, Executor executor,
                                Clock clock) {
        this.transactions = transactions;
        this.deliveries = deliveries;
        this.channels = channels;
        this.secrets = secrets;
        this.sender = sender;
        this.policy = policy;
        this.schedule = schedule;
        this.executor = executor;
        this.clock = clock;
    }

    /** Starts a task for every channel with due deliveries that has none running; how many tasks it started. */
    public int dispatchDue() {
        List<QueuedDelivery> due = transactions.inTransaction(() -> deliveries.due(clock.instant(), BATCH));
        Map<AlertChannelId, List<QueuedDelivery>> byChannel = new LinkedHashMap<>();
        for (QueuedDelivery d : due) {
            byChannel.computeIfAbsent(d.channel(), c -> new ArrayList<>()).add(d);
        }
        int started = 0;
        for (Map.Entry<AlertChannelId, List<QueuedDelivery>> e : byChannel.entrySet()) {
            if (!busy.add(e.getKey())) {
                continue; // the channel's earlier task is still at it (a slow receiver): its deliveries wait for the next dispatch
            }
            try {
                executor.execute(() -> {
                    try {
                        e.getValue().forEach(this::attempt);
                    } finally {
                        busy.remove(e.getKey());
                    }
                });
                started++;
            } catch (RuntimeException rejected) {
                busy.remove(e.getKey());
            }
        }
        return started;
    }

    /** One attempt of one delivery, and what it leaves behind. */
    void attempt(QueuedDelivery delivery) {
        Instant at = clock.instant();
        Optional<StoredChannel> channel = transactions.inTransaction(() -> channels.findById(delivery.channel()));
        DeliveryOutcome outcome;
        if (channel.isEmpty()) {
            outcome = refused("the channel was deleted");
        } else if (!channel.get().channel().enabled()) {
            outcome = refused("the channel is disabled");
        } else {
            outcome = send(channel.get(), delivery);
        }
        int attempts = delivery.attempts() + 1;
        Optional<Duration> wait = outcome.delivered() ? Optional.empty() : schedule.waitAfter(attempts, outcome.retryable());
        DeliveryStatus status = outcome.delivered() ? DeliveryStatus.DELIVERED : wait.isPresent() ? DeliveryStatus.QUEUED : DeliveryStatus.DEAD;
        Optional<Instant> next = wait.map(clock.instant()::plus);
        transactions.inTransaction(() -> {
            deliveries.recordAttempt(delivery.id(), DeliveryAttempt.of(at, outcome), status, next);
            return null;
        });
    }

    /** Sends to the channel now; whatever goes wrong is an outcome, never an exception. */
    DeliveryOutcome send(StoredChannel stored, QueuedDelivery delivery) {
        ChannelTarget target;
        try {
            target = ChannelTargets.build(stored.channel().kind(), stored.channel().settings(),
                    secrets.open(stored.channel().id(), stored.sealedSecrets()));
        } catch (RuntimeException e) {
            return refused("the channel's settings cannot be used: " + e.getMessage());
        }
        try {
            return sender.send(target, delivery.notification(), policy.get());
        } catch (RuntimeException e) {
            return new DeliveryOutcome(false, true, OptionalInt.empty(), Duration.ZERO, Optional.of("the sender failed: " + e));
        }
    }

    private static DeliveryOutcome refused(String why) {
        return new DeliveryOutcome(false, false, OptionalInt.empty(), Duration.ZERO, Optional.of(why));
    }
}
