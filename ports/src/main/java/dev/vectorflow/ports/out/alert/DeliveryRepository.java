package dev.vectorflow.ports.out.alert;

import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.DeliveryId;
import dev.vectorflow.core.alert.DeliveryStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Driven port: the notifications waiting for or done with delivery, and every attempt. */
public interface DeliveryRepository {

    /** A delivery with its attempts, newest attempt first. */
    record DeliveryHistory(QueuedDelivery delivery, List<DeliveryAttempt> attempts) {
        public DeliveryHistory {
            attempts = List.copyOf(attempts);
        }
    }

    void enqueue(QueuedDelivery delivery);

    /** QUEUED deliveries whose next attempt is due at {@code now}, the longest waiting first. */
    List<QueuedDelivery> due(Instant now, int limit);

    /** Stores an attempt and where the delivery stands after it ({@code nextAttemptAt} only while QUEUED). */
    void recordAttempt(DeliveryId id, DeliveryAttempt attempt, DeliveryStatus status, Optional<Instant> nextAttemptAt);

    /** The channel's deliveries, newest first. */
    List<DeliveryHistory> ofChannel(AlertChannelId channel, int limit);
}
