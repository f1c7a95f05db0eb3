package dev.vectorflow.adapter.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries per the Standard Webhooks convention: {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "{id}.{timestamp}.{body}">} keyed with the bytes after the {@code whsec_} prefix; also makes new secrets.
 */
public final class StandardWebhookSignature {

    /** The prefix every signing secret carries. */
    public static final String PREFIX = "whsec_";
    private static final int MIN_KEY_BYTES = 16;
    private static final int MAX_KEY_BYTES = 64;
    private static final int NEW_KEY_BYTES = 32;

    private StandardWebhookSignature() {
    }

    /** A new secret: {@code whsec_} and the base64 of 32 bytes drawn from {@code random} (pass a SecureRandom). */
    public static String newSecret(RandomGenerator random) {
        byte[] key = new byte[NEW_KEY_BYTES];
        random.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Why {@code secret} cannot sign (not {@code whsec_} + base64 of 16 to 64 bytes); empty when it can. */
    public static Optional<String> problem(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return Optional.of("the signing secret must start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.of("the signing secret must be " + PREFIX + " followed by base64");
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            return Optional.of("the signing secret's key must be " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes");
        }
        return Optional.empty();
    }

    /** The {@code webhook-signature} header value for one delivery; the secret must have no {@link #problem}. */
    static String sign(String secret, String id, long timestampSeconds, String body) {
        byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JDK", e);
        }
    }
}
