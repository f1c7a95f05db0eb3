package dev.vectorflow.ports.fake;

import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.DeliveryId;
import dev.vectorflow.core.alert.DeliveryStatus;
import dev.vectorflow.ports.out.alert.DeliveryAttempt;
import dev.vectorflow.ports.out.alert.DeliveryRepository;
import dev.vectorflow.ports.out.alert.QueuedDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link DeliveryRepository}; synchronized, since the delivery worker's tasks record attempts from their own threads. */
public final class InMemoryDeliveryRepository implements DeliveryRepository, InMemoryTransactions.Participant {

    private Map<DeliveryId, QueuedDelivery> deliveries = new LinkedHashMap<>();
    private Map<DeliveryId, List<DeliveryAttempt>> attempts = new LinkedHashMap<>();

    private record State(Map<DeliveryId, QueuedDelivery> deliveries, Map<DeliveryId, List<DeliveryAttempt>> attempts) {
    }

    @Override
    public synchronized void enqueue(QueuedDelivery delivery) {
        deliveries.put(delivery.id(), delivery);
        attempts.put(delivery.id(), new ArrayList<>());
    }

    @Override
    public synchronized List<QueuedDelivery> due(Instant now, int limit) {
        return deliveries.values().stream().filter(d -> d.status() == DeliveryStatus.QUEUED && !d.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(QueuedDelivery::nextAttemptAt)).limit(limit).toList();
    }

    @Override
    public synchronized void recordAttempt(DeliveryId id, DeliveryAttempt attempt, DeliveryStatus status, Optional<Instant> nextAttemptAt) {
        QueuedDelivery d = deliveries.get(id);
        if (d == null) {
            return;
        }
        attempts.get(id).add(attempt);
        deliveries.put(id, new QueuedDelivery(id, d.channel(), d.notification(), status, d.attempts() + 1, nextAttemptAt.orElse(d.nextAttemptAt()),
                d.createdAt()));
    }

    @Override
    public synchronized List<DeliveryHistory> ofChannel(AlertChannelId channel, int limit) {
        return deliveries.values().stream().filter(d -> d.channel().equals(channel))
                .sorted(Comparator.comparing(QueuedDelivery::createdAt).reversed()).limit(limit)
                .map(d -> new DeliveryHistory(d, attempts.get(d.id()).reversed())).toList();
    }

    /** Every delivery, for tests. */
    public synchronized List<QueuedDelivery> all() {
        return List.copyOf(deliveries.values());
    }

    @Override
    public synchronized Object snapshot() {
        Map<DeliveryId, List<DeliveryAttempt>> copy = new LinkedHashMap<>();
        attempts.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        return new State(new LinkedHashMap<>(deliveries), copy);
    }

    @Override
    public synchronized void restore(Object snapshot) {
        State s = (State) snapshot;
        deliveries = new LinkedHashMap<>(s.deliveries());
        attempts = new LinkedHashMap<>(s.attempts());
    }
}
