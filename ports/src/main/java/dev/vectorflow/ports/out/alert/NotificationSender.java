package dev.vectorflow.ports.out.alert;

import java.util.List;

/** Driven port: delivers notifications to webhooks, Slack, Teams, PagerDuty and e-mail, behind the address guard. */
public interface NotificationSender {

    /**
     * Why this target cannot be used, every reason at once (not http(s), an address the guard refuses, a host that does
     * not resolve); empty when it can. Called when a channel is created or changed.
     */
    List<String> problems(ChannelTarget target, DeliveryPolicy policy);

    /** One attempt to deliver; never throws for what the receiver or the network did: the outcome says it. */
    DeliveryOutcome send(ChannelTarget target, Notification notification, DeliveryPolicy policy);
}
