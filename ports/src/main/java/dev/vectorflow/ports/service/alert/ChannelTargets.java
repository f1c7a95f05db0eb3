package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.alert.ChannelFields;
import dev.vectorflow.core.alert.ChannelKind;
import dev.vectorflow.core.alert.WebhookHeaders;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns a channel's settings and opened secrets into the sender's target, listing every problem when it cannot. */
final class ChannelTargets {

    static final URI PAGERDUTY_EVENTS = URI.create("https://events.pagerduty.com/v2/enqueue");
    static final int MAX_RECIPIENTS = 20;
    static final int MAX_VALUE = 2000;

    private ChannelTargets() {
    }

    /** The problems of these settings, each on its field ({@code settings.x} or {@code secrets.x}); empty when none. */
    static List<InvalidValueException> problems(ChannelKind kind, Map<String, String> settings, Map<String, String> secrets) {
        List<InvalidValueException> problems = new ArrayList<>();
        ChannelFields fields = ChannelFields.of(kind);
        boolean headers = kind == ChannelKind.WEBHOOK;
        Map<String, String> given = headers ? WebhookHeaders.fromSettings(settings) : Map.of();
        if (given.size() > WebhookHeaders.MAX_HEADERS) {
            problems.add(new InvalidValueException("settings.headers", "may hold at most " + WebhookHeaders.MAX_HEADERS + " headers but has "
                    + given.size()));
        }
        given.forEach((name, value) -> WebhookHeaders.problem(name, value)
                .ifPresent(p -> problems.add(new InvalidValueException("settings.headers", p))));
        settings.forEach((k, v) -> {
            if (headers && k.startsWith(WebhookHeaders.SETTINGS_PREFIX)) {
                return; // checked above
            }
            if (!fields.open().contains(k)) {
                problems.add(new InvalidValueException("settings." + k, "is not a setting of a " + kind.name().toLowerCase(Locale.ROOT)
                        + " channel; it has " + fields.open()));
            } else if (v.length() > MAX_VALUE) {
                problems.add(new InvalidValueException("settings." + k, "must be at most " + MAX_VALUE + " characters"));
            }
        });
        secrets.forEach((k, v) -> {
            if (!fields.secret().contains(k)) {
                problems.add(new InvalidValueException("secrets." + k, "is not a secret of a " + kind.name().toLowerCase(Locale.ROOT)
                        + " channel; it has " + fields.secret()));
            } else if (v.length() > MAX_VALUE) {
                problems.add(new InvalidValueException("secrets." + k, "must be at most " + MAX_VALUE + " characters"));
            }
        });
        for (String required : fields.required()) {
            String value = fields.open().contains(required) ? settings.get(required) : secrets.get(required);
            if (value == null || value.isBlank()) {
                problems.add(new InvalidValueException((fields.open().contains(required) ? "settings." : "secrets.") + required, "must be given"));
            }
        }
        if (problems.isEmpty()) {
            try {
                build(kind, settings, secrets);
            } catch (InvalidValueException e) {
                problems.add(e);
            }
        }
        return problems;
    }

    /** @throws InvalidValueException on the first setting that is not usable */
    static ChannelTarget build(ChannelKind kind, Map<String, String> settings, Map<String, String> secrets) {
        return switch (kind) {
            case WEBHOOK -> new ChannelTarget.Webhook(url("secrets.url", secrets.get("url")), signingSecret(secrets.get("signingSecret")),
                    WebhookHeaders.fromSettings(settings));
            case SLACK -> new ChannelTarget.Slack(url("secrets.url", secrets.get("url")));
            case TEAMS -> new ChannelTarget.Teams(url("secrets.url", secrets.get("url")));
            case PAGERDUTY -> new ChannelTarget.PagerDuty(Optional.ofNullable(settings.get("eventsUrl")).filter(s -> !s.isBlank())
                    .map(u -> url("settings.eventsUrl", u)).orElse(PAGERDUTY_EVENTS), line("secrets.routingKey", secrets.get("routingKey")));
            case EMAIL -> email(settings, secrets);
        };
    }

    private static ChannelTarget.Email email(Map<String, String> settings, Map<String, String> secrets) {
        String host = line("settings.host", settings.get("host"));
        int port = 587;
        if (settings.get("port") != null && !settings.get("port").isBlank()) {
            try {
                port = Integer.parseInt(settings.get("port").strip());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new InvalidValueException("settings.port", "must be a port number from 1 to 65535 but was '" + settings.get("port") + "'");
            }
        }
        String tls = settings.getOrDefault("startTls", "true").strip().toLowerCase(Locale.ROOT);
        if (!tls.equals("true") && !tls.equals("false")) {
            throw new InvalidValueException("settings.startTls", "must be true or false but was '" + tls + "'");
        }
        List<String> to = Arrays.stream(line("settings.to", settings.get("to")).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (to.isEmpty() || to.size() > MAX_RECIPIENTS) {
            throw new InvalidValueException("settings.to", "must name 1 to " + MAX_RECIPIENTS + " addresses but names " + to.size());
        }
        for (String address : to) {
            mailbox("settings.to", address);
        }
        String from = mailbox("settings.from", line("settings.from", settings.get("from")));
        Optional<String> username = Optional.ofNullable(settings.get("username")).filter(u -> !u.isBlank());
        Optional<String> password = Optional.ofNullable(secrets.get("password")).filter(p -> !p.isEmpty());
        return new ChannelTarget.Email(host, port, tls.equals("true"), username, password, from, to);
    }

    private static String mailbox(String field, String address) {
        int at = address.indexOf('@');
        if (at <= 0 || at != address.lastIndexOf('@') || at == address.length() - 1 || address.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>')) {
            throw new InvalidValueException(field, "must be e-mail addresses but has '" + address + "'");
        }
        return address;
    }

    private static String line(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "must be given");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(field, "must not contain control characters");
        }
        return value.strip();
    }

    private static URI url(String field, String text) {
        try {
            URI uri = new URI(line(field, text));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                throw new InvalidValueException(field, "must be an http(s) address with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidValueException(field, "must be an http(s) address: " + e.getReason());
        }
    }

    private static String signingSecret(String secret) {
        String s = line("secrets.signingSecret", secret);
        String problem = "must be whsec_ followed by base64 of 24 to 64 bytes";
        if (!s.startsWith("whsec_")) {
            throw new InvalidValueException("secrets.signingSecret", problem);
        }
        try {
            int bytes = Base64.getDecoder().decode(s.substring(6)).length;
            if (bytes < 24 || bytes > 64) {
                throw new InvalidValueException("secrets.signingSecret", problem + " but has " + bytes + " bytes");
            }
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidValueException invalid) {
                throw invalid;
            }
            throw new InvalidValueException("secrets.signingSecret", problem);
        }
        return s;
    }
}
