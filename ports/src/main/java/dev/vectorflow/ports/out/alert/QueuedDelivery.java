package dev.vectorflow.ports.out.alert;

import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.DeliveryId;
import dev.vectorflow.core.alert.DeliveryStatus;
import java.time.Instant;
import java.util.Objects;

/** One notification for one channel and where its delivery stands. */
public record QueuedDelivery(DeliveryId id, AlertChannelId channel, Notification notification, DeliveryStatus status, int attempts,
                             Instant nextAttemptAt, Instant createdAt) {
    public QueuedDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
