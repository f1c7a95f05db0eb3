package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import dev.vectorflow.ports.out.alert.Notification;
import dev.vectorflow.ports.out.alert.NotificationSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Fake of {@link NotificationSender}: records every notification per target and answers what the test scripted for
 * that target (delivered with 200 by default); targets whose text holds a refused host get problems, and a send to them
 * delivers nothing and is not worth retrying.
 */
public final class RecordingNotificationSender implements NotificationSender {

    /** One send as it arrived. */
    public record Sent(ChannelTarget target, Notification notification, DeliveryPolicy policy) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, Function<Notification, DeliveryOutcome>> scripts = new ConcurrentHashMap<>();
    private final List<String> refusedHosts = new ArrayList<>();

    public static DeliveryOutcome delivered() {
        return new DeliveryOutcome(true, false, OptionalInt.of(200), Duration.ofMillis(5), Optional.empty());
    }

    public static DeliveryOutcome failed(int status, boolean retryable) {
        return new DeliveryOutcome(false, retryable, OptionalInt.of(status), Duration.ofMillis(5), Optional.of("HTTP " + status + " from the receiver"));
    }

    /** What a receiver answering {@code status} comes to: delivered on 2xx, worth another attempt on 408, 429 and 5xx. */
    public static DeliveryOutcome answered(int status) {
        if (status >= 200 && status < 300) {
            return new DeliveryOutcome(true, false, OptionalInt.of(status), Duration.ofMillis(5), Optional.empty());
        }
        return failed(status, status == 408 || status == 429 || status >= 500);
    }

    /** Answers sends to targets whose {@code toString()} contains {@code hostPart} with {@code outcome}. */
    public void script(String hostPart, Function<Notification, DeliveryOutcome> outcome) {
        scripts.put(hostPart, outcome);
    }

    /** The guard refuses targets whose {@code toString()} contains {@code hostPart}. */
    public synchronized void refuse(String hostPart) {
        refusedHosts.add(hostPart);
    }

    @Override
    public synchronized List<String> problems(ChannelTarget target, DeliveryPolicy policy) {
        return refusedHosts.stream().filter(h -> target.toString().contains(h)).map(h -> "the address " + h + " is private and not allowed").toList();
    }

    @Override
    public DeliveryOutcome send(ChannelTarget target, Notification notification, DeliveryPolicy policy) {
        List<String> problems;
        synchronized (this) {
            sent.add(new Sent(target, notification, policy));
            problems = problems(target, policy);
        }
        if (!problems.isEmpty()) {
            // as the guard: nothing is sent, and trying again would not help
            return new DeliveryOutcome(false, false, OptionalInt.empty(), Duration.ZERO, Optional.of(String.join("; ", problems)));
        }
        for (Map.Entry<String, Function<Notification, DeliveryOutcome>> e : scripts.entrySet()) {
            if (target.toString().contains(e.getKey())) {
                return e.getValue().apply(notification);
            }
        }
        return delivered();
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }
}
