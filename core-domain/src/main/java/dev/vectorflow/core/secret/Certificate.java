package dev.vectorflow.core.secret;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.validation.PlainText;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A certificate of an environment (with its private key and CA bundle, if given). The PEM data is
 * stored only as one AES-GCM envelope; what the certificate says about itself is kept in clear
 * for listing and expiry warnings.
 */
public record Certificate(SecretId id, EnvironmentId environmentId, SecretName name, String description, String envelope,
                          String subject, String issuer, List<String> subjectAltNames, Instant notBefore, Instant notAfter,
                          String fingerprint, boolean hasPrivateKey, boolean hasCaBundle,
                          String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {

    /** How long before expiry a certificate is flagged. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    public Certificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(name, "name");
        description = PlainText.optionalMultiLine("description", description, 2000);
        Objects.requireNonNull(envelope, "envelope");
        subjectAltNames = List.copyOf(subjectAltNames);
        notBefore = notBefore.truncatedTo(ChronoUnit.MICROS);
        notAfter = notAfter.truncatedTo(ChronoUnit.MICROS);
        createdBy = Objects.requireNonNullElse(createdBy, "");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        updatedBy = Objects.requireNonNullElse(updatedBy, "");
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MICROS);
    }

    public static String sealingContext(EnvironmentId environment, SecretName name) {
        return "certificate:" + environment + ":" + name;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(notAfter);
    }

    public boolean expiresSoonAt(Instant now) {
        return !expiredAt(now) && now.plus(EXPIRY_WARNING).isAfter(notAfter);
    }

    public Certificate resealed(String newEnvelope) {
        return new Certificate(id, environmentId, name, description, newEnvelope, subject, issuer, subjectAltNames, notBefore, notAfter,
                fingerprint, hasPrivateKey, hasCaBundle, createdBy, createdAt, updatedBy, updatedAt);
    }

    @Override
    public String toString() {
        return "Certificate[" + environmentId + "/" + name + ", " + subject + "]";
    }
}
