package dev.vectorflow.adapter.notify;

import dev.vectorflow.core.alert.WebhookHeaders;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import dev.vectorflow.ports.out.alert.Notification;
import dev.vectorflow.ports.out.alert.NotificationSender;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;

/**
 * Delivers notifications to webhooks (Standard Webhooks signatures), Slack, Microsoft Teams, PagerDuty Events v2 and
 * e-mail, each behind the address guard; the {@link NotificationSender} adapter the server wires in.
 */
public final class GuardedNotificationSender implements NotificationSender {

    private static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final Clock clock;
    private final HttpDelivery http;
    private final SmtpDelivery smtp;

    /** The sender for the server: the JDK's resolver, {@code clock} for the webhook timestamps. */
    public GuardedNotificationSender(Clock clock) {
        this(clock, AddressGuard.HostResolver.system());
    }

    GuardedNotificationSender(Clock clock, AddressGuard.HostResolver resolver) {
        this(clock, resolver, Optional.empty());
    }

    /** For tests: a fixed resolver, and the TLS client STARTTLS uses (one that trusts a test certificate). */
    GuardedNotificationSender(Clock clock, AddressGuard.HostResolver resolver, Optional<SSLSocketFactory> startTls) {
        this.clock = clock;
        AddressGuard guard = new AddressGuard(resolver);
        this.http = new HttpDelivery(guard);
        this.smtp = new SmtpDelivery(guard, startTls);
    }

    @Override
    public List<String> problems(ChannelTarget target, DeliveryPolicy policy) {
        return switch (target) {
            case ChannelTarget.Webhook webhook -> {
                List<String> problems = new ArrayList<>(http.problems("url", webhook.url(), policy));
                StandardWebhookSignature.problem(webhook.signingSecret()).ifPresent(p -> problems.add("'signingSecret': " + p));
                problems.addAll(headerProblems(webhook.headers()));
                yield List.copyOf(problems);
            }
            case ChannelTarget.Slack slack -> http.problems("webhookUrl", slack.webhookUrl(), policy);
            case ChannelTarget.Teams teams -> http.problems("webhookUrl", teams.webhookUrl(), policy);
            case ChannelTarget.PagerDuty pagerDuty -> {
                List<String> problems = new ArrayList<>(http.problems("eventsUrl", pagerDuty.eventsUrl(), policy));
                if (pagerDuty.routingKey().isBlank() || pagerDuty.routingKey().length() > 100
                        || pagerDuty.routingKey().chars().anyMatch(Character::isISOControl)) {
                    problems.add("'routingKey' must be PagerDuty's integration key (1 to 100 characters)");
                }
                yield List.copyOf(problems);
            }
            case ChannelTarget.Email email -> smtp.problems(email, policy);
        };
    }

    @Override
    public DeliveryOutcome send(ChannelTarget target, Notification notification, DeliveryPolicy policy) {
        return switch (target) {
            case ChannelTarget.Webhook webhook -> sendWebhook(webhook, notification, policy);
            case ChannelTarget.Slack slack -> http.post(slack.webhookUrl(), Map.of(), List.of(SlackPayload.body(notification)), policy);
            case ChannelTarget.Teams teams -> http.post(teams.webhookUrl(), Map.of(), List.of(TeamsPayload.body(notification)), policy);
            case ChannelTarget.PagerDuty pagerDuty -> notification.alerts().isEmpty()
                    ? nothingToSend()
                    : http.post(pagerDuty.eventsUrl(), Map.of(), PagerDutyEvents.bodies(notification, pagerDuty.routingKey()), policy);
            case ChannelTarget.Email email -> smtp.send(email, notification, policy);
        };
    }

    private DeliveryOutcome sendWebhook(ChannelTarget.Webhook webhook, Notification notification, DeliveryPolicy policy) {
        Optional<String> secretProblem = StandardWebhookSignature.problem(webhook.signingSecret());
        if (secretProblem.isPresent()) {
            return Outcomes.failed(false, OptionalInt.empty(), System.nanoTime(), secretProblem.get());
        }
        if (!EVENT_ID.matcher(notification.eventId()).matches()) {
            return Outcomes.failed(false, OptionalInt.empty(), System.nanoTime(),
                    "the event id must be 1 to 200 printable ASCII characters to go into the webhook-id header");
        }
        String body = WebhookPayload.body(notification);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        webhook.headers().forEach((name, value) -> {
            if (WebhookHeaders.problem(name, value).isEmpty()) {
                headers.put(name, value);
            }
        });
        headers.put("webhook-id", notification.eventId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", StandardWebhookSignature.sign(webhook.signingSecret(), notification.eventId(), timestamp, body));
        return http.post(webhook.url(), headers, List.of(body), policy);
    }

    private static DeliveryOutcome nothingToSend() {
        return Outcomes.delivered(OptionalInt.empty(), System.nanoTime());
    }

    private static List<String> headerProblems(Map<String, String> headers) {
        List<String> problems = new ArrayList<>();
        if (headers.size() > WebhookHeaders.MAX_HEADERS) {
            problems.add("'headers' may hold at most " + WebhookHeaders.MAX_HEADERS + " headers but has " + headers.size());
        }
        headers.forEach((name, value) -> WebhookHeaders.problem(name, value).ifPresent(p -> problems.add("'headers' " + p)));
        return problems;
    }
}
