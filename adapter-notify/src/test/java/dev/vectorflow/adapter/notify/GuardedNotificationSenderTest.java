package dev.vectorflow.adapter.notify;

import dev.vectorflow.ports.contract.NotificationSenderContract;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import dev.vectorflow.ports.out.alert.NotificationSender;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The notification sender's contract with real HTTP receivers on loopback (the other tests of this module go into detail). */
class GuardedNotificationSenderTest extends NotificationSenderContract {

    private final GuardedNotificationSender sender = new GuardedNotificationSender(Clock.systemUTC());
    private final List<Receiver> receivers = new ArrayList<>();

    @AfterEach
    void stopReceivers() {
        receivers.forEach(Receiver::close);
    }

    @Override
    protected NotificationSender sender() {
        return sender;
    }

    @Override
    protected ChannelTarget receiverAnswering(int status) {
        try {
            Receiver receiver = new Receiver().answering(status, "answer " + status);
            receivers.add(receiver);
            return new ChannelTarget.Webhook(receiver.url("/hooks/alerts"), "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", Map.of());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected DeliveryPolicy allowing() {
        return Fixtures.loopbackAllowed();
    }

    @Override
    protected ChannelTarget refusedUnderTheStrictPolicy() {
        return receiverAnswering(200);
    }
}
