package dev.vectorflow.ports.out.alert;

import dev.vectorflow.core.alert.ChannelKind;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how one notification channel delivers, with its secret parts already opened by the key ring. Every record
 * keeps its secrets out of {@code toString()}.
 */
public sealed interface ChannelTarget {

    ChannelKind kind();

    /**
     * A generic webhook: a JSON POST signed per the Standard Webhooks convention with {@code signingSecret}
     * ({@code whsec_} followed by base64 of the key bytes), with extra headers.
     */
    record Webhook(URI url, String signingSecret, Map<String, String> headers) implements ChannelTarget {
        public Webhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(signingSecret, "signingSecret");
            headers = Map.copyOf(headers);
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.WEBHOOK;
        }

        @Override
        public String toString() {
            return "Webhook[" + url.getScheme() + "://" + url.getHost() + "/…, headers=" + headers.keySet() + "]";
        }
    }

    /** A Slack incoming webhook (its URL is the secret). */
    record Slack(URI webhookUrl) implements ChannelTarget {
        public Slack {
            Objects.requireNonNull(webhookUrl, "webhookUrl");
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.SLACK;
        }

        @Override
        public String toString() {
            return "Slack[" + webhookUrl.getHost() + "]";
        }
    }

    /** A Microsoft Teams incoming webhook or workflow URL (the URL is the secret). */
    record Teams(URI webhookUrl) implements ChannelTarget {
        public Teams {
            Objects.requireNonNull(webhookUrl, "webhookUrl");
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.TEAMS;
        }

        @Override
        public String toString() {
            return "Teams[" + webhookUrl.getHost() + "]";
        }
    }

    /** PagerDuty Events API v2: {@code eventsUrl} is normally https://events.pagerduty.com/v2/enqueue. */
    record PagerDuty(URI eventsUrl, String routingKey) implements ChannelTarget {
        public PagerDuty {
            Objects.requireNonNull(eventsUrl, "eventsUrl");
            Objects.requireNonNull(routingKey, "routingKey");
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.PAGERDUTY;
        }

        @Override
        public String toString() {
            return "PagerDuty[" + eventsUrl.getHost() + "]";
        }
    }

    /** E-mail over SMTP; {@code startTls} requires STARTTLS, a username asks for authentication. */
    record Email(String host, int port, boolean startTls, Optional<String> username, Optional<String> password, String from,
                 List<String> to) implements ChannelTarget {
        public Email {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(from, "from");
            to = List.copyOf(to);
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.EMAIL;
        }

        @Override
        public String toString() {
            return "Email[" + host + ":" + port + ", to=" + to + "]";
        }
    }
}
