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
 * What the server uses while no notification adapter is wired into {@link ServerApplication#start(ServerSettings,
 * NotificationSender)}: it refuses every channel (so none can be created) and fails every send as one that cannot
 * succeed, saying why. It never pretends that anything was delivered.
 */
final class NoNotificationSender implements NotificationSender {

    static final String WHY = "this server has no notification sender wired in, so no channel can deliver";

    @Override
    public List<String> problems(ChannelTarget target, DeliveryPolicy policy) {
        return List.of(WHY);
    }

    @Override
    public DeliveryOutcome send(ChannelTarget target, Notification notification, DeliveryPolicy policy) {
        return new DeliveryOutcome(false, false, OptionalInt.empty(), Duration.ZERO, Optional.of(WHY));
    }
}
