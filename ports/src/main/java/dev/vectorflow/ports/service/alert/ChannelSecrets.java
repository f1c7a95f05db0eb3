package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.ports.service.secret.KeyRingService;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seals a channel's secret settings into one key-ring envelope bound to the channel (as secret settings are sealed), and
 * opens it again for a delivery. The plain text is {@code key=value} pairs, URL-encoded, one per line.
 */
public final class ChannelSecrets {

    private final KeyRingService keyRing;

    public ChannelSecrets(KeyRingService keyRing) {
        this.keyRing = keyRing;
    }

    public String seal(AlertChannelId channel, Map<String, String> secrets) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(secrets).forEach((k, v) -> text.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('\n'));
        return keyRing.seal(text.toString().getBytes(StandardCharsets.UTF_8), context(channel));
    }

    public Map<String, String> open(AlertChannelId channel, String envelope) {
        Map<String, String> secrets = new TreeMap<>();
        if (envelope.isEmpty()) {
            return secrets;
        }
        String text = new String(keyRing.open(envelope, context(channel)), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                secrets.put(URLDecoder.decode(line.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(line.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return secrets;
    }

    private static String context(AlertChannelId channel) {
        return "alert-channel:" + channel;
    }
}
