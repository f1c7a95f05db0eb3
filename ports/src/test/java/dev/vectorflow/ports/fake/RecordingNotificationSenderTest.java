package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.NotificationSenderContract;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import dev.vectorflow.ports.out.alert.NotificationSender;
import java.net.URI;
import java.util.Map;

class RecordingNotificationSenderTest extends NotificationSenderContract {

    private final RecordingNotificationSender sender = new RecordingNotificationSender();

    @Override
    protected NotificationSender sender() {
        return sender;
    }

    @Override
    protected ChannelTarget receiverAnswering(int status) {
        String host = "receiver-" + status + ".example.test";
        sender.script(host, n -> RecordingNotificationSender.answered(status));
        return new ChannelTarget.Webhook(URI.create("https://" + host + "/hook"), "whsec_c2VjcmV0", Map.of());
    }

    @Override
    protected DeliveryPolicy allowing() {
        return STRICT;
    }

    @Override
    protected ChannelTarget refusedUnderTheStrictPolicy() {
        sender.refuse("10.9.8.7");
        return new ChannelTarget.Webhook(URI.create("http://10.9.8.7/hook"), "whsec_c2VjcmV0", Map.of());
    }
}
