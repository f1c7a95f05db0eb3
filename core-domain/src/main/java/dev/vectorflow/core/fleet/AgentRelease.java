package dev.vectorflow.core.fleet;

import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.PlainText;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A build of the agent that nodes may update to: where to download it (https, or http to a loopback address), its
 * SHA-256 ({@code sha256:<hex>}) and the base64 ed25519 signature agents check against the key they were installed with.
 */
public record AgentRelease(String version, String downloadUrl, String checksum, String signature, String notes, Instant createdAt,
                           String createdBy) {

    public static final int NOTES_MAX_LENGTH = 2000;
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,49}");
    private static final Pattern CHECKSUM = Pattern.compile("sha256:[0-9a-f]{64}");

    public AgentRelease {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new InvalidValueException("version", "must be 1-50 letters, digits, '.', '+', '_', '-' but was '" + version + "'");
        }
        downloadUrl = checkUrl(downloadUrl);
        if (checksum == null || !CHECKSUM.matcher(checksum).matches()) {
            throw new InvalidValueException("checksum", "must be sha256:<64 lower-case hex digits>");
        }
        try {
            if (signature == null || Base64.getDecoder().decode(signature.strip()).length != 64) {
                throw new InvalidValueException("signature", "must be the base64 of a 64-byte ed25519 signature");
            }
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidValueException invalid) {
                throw invalid;
            }
            throw new InvalidValueException("signature", "must be the base64 of a 64-byte ed25519 signature");
        }
        signature = signature.strip();
        notes = PlainText.optionalMultiLine("notes", notes, NOTES_MAX_LENGTH);
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        createdBy = Objects.requireNonNullElse(createdBy, "");
    }

    private static String checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(Objects.requireNonNull(url, "downloadUrl").strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("downloadUrl", "must be an https URL");
        }
        String host = uri.getHost();
        boolean loopback = host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1"));
        if (host == null || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
            throw new InvalidValueException("downloadUrl", "must be an https URL (plain http only to a loopback address) but was '" + url + "'");
        }
        return uri.toString();
    }
}
