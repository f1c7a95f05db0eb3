package dev.vectorflow.core.settings;

import dev.vectorflow.core.backup.CronSchedule;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.network.Cidr;
import dev.vectorflow.core.validation.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The type of a setting: how a text is checked and written in its one canonical form. Every type turns an invalid
 * text into an {@link InvalidValueException} on the setting's key; the types that may be left empty say so.
 */
public sealed interface SettingType {

    /** The canonical form of {@code text}, or an {@link InvalidValueException} on {@code key} naming what is wrong. */
    String canonical(String key, String text);

    /** True when an empty value is allowed (meaning "not set"). */
    default boolean optional() {
        return false;
    }

    /** What the UI shows as the kind of input. */
    String kind();

    /** A whole number from {@code min} to {@code max}, in {@code unit} (for people). */
    record Whole(long min, long max, String unit) implements SettingType {
        @Override
        public String canonical(String key, String text) {
            String expectation = "must be a whole number from " + min + " to " + max + (unit.isEmpty() ? "" : " (" + unit + ")");
            try {
                long value = Long.parseLong(text.strip());
                if (value < min || value > max) {
                    throw new InvalidValueException(key, expectation + " but was " + value);
                }
                return Long.toString(value);
            } catch (NumberFormatException e) {
                throw new InvalidValueException(key, expectation + " but was '" + shown(text) + "'");
            }
        }

        @Override
        public String kind() {
            return "integer";
        }
    }

    /** {@code true} or {@code false}. */
    record Flag() implements SettingType {
        @Override
        public String canonical(String key, String text) {
            String value = text.strip().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new InvalidValueException(key, "must be true or false but was '" + shown(text) + "'");
            }
            return value;
        }

        @Override
        public String kind() {
            return "boolean";
        }
    }

    /** One of a few words (compared ignoring case, written in lower case). */
    record Choice(List<String> choices) implements SettingType {
        public Choice {
            choices = List.copyOf(choices);
        }

        @Override
        public String canonical(String key, String text) {
            String value = text.strip().toLowerCase(Locale.ROOT);
            if (!choices.contains(value)) {
                throw new InvalidValueException(key, "must be one of " + String.join(", ", choices) + " but was '" + shown(text) + "'");
            }
            return value;
        }

        @Override
        public String kind() {
            return "choice";
        }
    }

    /** An http(s) address without a trailing slash; empty when {@code optional}. */
    record Url(boolean optional) implements SettingType {
        @Override
        public String canonical(String key, String text) {
            String value = text.strip();
            if (value.isEmpty() && optional) {
                return "";
            }
            String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            try {
                URI uri = new URI(trimmed);
                boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
                if (!web || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null || trimmed.length() > 500) {
                    throw new URISyntaxException(trimmed, "not an http(s) address");
                }
                return trimmed;
            } catch (URISyntaxException e) {
                throw new InvalidValueException(key, "must be an http(s) URL like https://vectorflow.example.com but was '" + shown(text) + "'");
            }
        }

        @Override
        public String kind() {
            return "url";
        }
    }

    /** A 5-field cron expression in UTC or a macro like {@code @daily}; empty for none. */
    record Cron() implements SettingType {
        @Override
        public String canonical(String key, String text) {
            String value = text.strip();
            if (value.isEmpty()) {
                return "";
            }
            CronSchedule.parse(key, value);
            return value;
        }

        @Override
        public boolean optional() {
            return true;
        }

        @Override
        public String kind() {
            return "cron";
        }
    }

    /** One line of text matching {@code pattern} (described by {@code expectation}); empty when {@code optional}. */
    record Text(Pattern pattern, String expectation, boolean optional) implements SettingType {
        @Override
        public String canonical(String key, String text) {
            String value = text.strip();
            if (value.isEmpty() && optional) {
                return "";
            }
            if (!pattern.matcher(value).matches()) {
                throw new InvalidValueException(key, expectation + " but was '" + shown(text) + "'");
            }
            return value;
        }

        @Override
        public String kind() {
            return "text";
        }
    }

    /** A key prefix inside a bucket: no leading slash, a trailing one added; may be empty. */
    record KeyPrefix() implements SettingType {
        private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9!_.*'()/\\-]{0,200}");

        @Override
        public String canonical(String key, String text) {
            String value = text.strip().replaceAll("^/+", "");
            if (!value.isEmpty() && !value.endsWith("/")) {
                value += "/";
            }
            if (!ALLOWED.matcher(value).matches()) {
                throw new InvalidValueException(key, "must be a key prefix of letters, digits and !_.*'()/- (up to 200) but was '" + shown(text) + "'");
            }
            return value;
        }

        @Override
        public boolean optional() {
            return true;
        }

        @Override
        public String kind() {
            return "text";
        }
    }

    /** An e-mail address (lower case); empty for none. */
    record EmailAddress() implements SettingType {
        @Override
        public String canonical(String key, String text) {
            String value = text.strip();
            if (value.isEmpty()) {
                return "";
            }
            try {
                return new Email(value).value();
            } catch (InvalidValueException e) {
                throw new InvalidValueException(key, e.problem());
            }
        }

        @Override
        public boolean optional() {
            return true;
        }

        @Override
        public String kind() {
            return "email";
        }
    }

    /** A comma-separated list of IPv4 or IPv6 networks in CIDR form ({@code 10.0.0.0/8}, {@code fd00::/8}); empty for none. */
    record Networks() implements SettingType {
        private static final int MAX = 50;

        @Override
        public String canonical(String key, String text) {
            List<String> networks = new ArrayList<>();
            for (String part : text.split(",")) {
                String network = part.strip();
                if (network.isEmpty()) {
                    continue;
                }
                Cidr.parse(key, network);
                networks.add(network.toLowerCase(Locale.ROOT));
            }
            if (networks.size() > MAX) {
                throw new InvalidValueException(key, "may name at most " + MAX + " networks but names " + networks.size());
            }
            return String.join(",", networks);
        }

        @Override
        public boolean optional() {
            return true;
        }

        @Override
        public String kind() {
            return "networks";
        }
    }

    private static String shown(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
