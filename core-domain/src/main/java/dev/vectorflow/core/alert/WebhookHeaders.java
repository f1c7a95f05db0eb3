package dev.vectorflow.core.alert;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Extra HTTP headers of a webhook channel: at most {@link #MAX_HEADERS}, each an HTTP token name that is neither a
 * hop-by-hop or framing header nor one VectorFlow sets ({@code webhook-*}, {@code content-type}), with a value of printable
 * ASCII. A channel keeps them among its settings as {@code headers.<name>}; the API shows them as {@code settings.headers}.
 */
public final class WebhookHeaders {

    /** At most this many extra headers per webhook channel. */
    public static final int MAX_HEADERS = 20;
    /** A header's key among a channel's settings: this prefix and the header's name. */
    public static final String SETTINGS_PREFIX = "headers.";
    static final int MAX_VALUE = 1024;
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    /** Hop-by-hop and framing headers belong to the connection, and the webhook-* ones to the signature. */
    private static final Set<String> RESERVED = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade", "host", "content-length", "content-type",
            "content-encoding", "expect");

    private WebhookHeaders() {
    }

    /** Why a header cannot be sent (a reserved name, or a name or value HTTP cannot carry); empty when it can. */
    public static Optional<String> problem(String name, String value) {
        String shown = name.replaceAll("\\p{Cntrl}", "?");
        shown = shown.length() <= 100 ? shown : shown.substring(0, 99) + "…";
        if (!NAME.matcher(name).matches()) {
            return Optional.of("has '" + shown + "', which is not an HTTP header name");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower) || lower.startsWith("webhook-")) {
            return Optional.of("may not set '" + shown + "': VectorFlow sets it, or it belongs to the connection");
        }
        if (value.length() > MAX_VALUE || value.chars().anyMatch(c -> c != '\t' && (c < 0x20 || c > 0x7e))) {
            return Optional.of("has a value for '" + shown + "' that HTTP cannot carry (only printable ASCII, up to " + MAX_VALUE
                    + " characters)");
        }
        return Optional.empty();
    }

    /** The headers kept among a channel's {@code settings}, by name. */
    public static Map<String, String> fromSettings(Map<String, String> settings) {
        Map<String, String> headers = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(SETTINGS_PREFIX)) {
                headers.put(key.substring(SETTINGS_PREFIX.length()), value);
            }
        });
        return headers;
    }
}
