package dev.vectorflow.app;

import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import dev.vectorflow.ports.out.alert.Notification;
import dev.vectorflow.ports.out.alert.NotificationSender;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the command-line tools' composition uses (they evaluate and deliver no alerts): it refuses every channel and
 * fails every send as one that cannot succeed, saying why. It never pretends that anything was delivered.
 */
final class NoNotificationSender implements NotificationSender {

    static final String WHY = "the command-line tools deliver no alerts";

    @Override
    public List<String> problems(ChannelTarget target, DeliveryPolicy policy) {
        return List.of(WHY);
    }

    @Override
    public DeliveryOutcome send(ChannelTarget target, Notification notification, DeliveryPolicy policy) {
        return new DeliveryOutcome(false, false, OptionalInt.empty(), Duration.ZERO, Optional.of(WHY));
    }
}
