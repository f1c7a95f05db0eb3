package dev.vectorflow.core.secret;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.validation.PlainText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A secret of an environment as stored: its value only as an AES-GCM envelope (naming the data
 * key that sealed it), plus who created and last changed it. Never printed with its envelope.
 */
public record Secret(SecretId id, EnvironmentId environmentId, SecretName name, String description, String envelope,
                     String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {

    public Secret {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(name, "name");
        description = PlainText.optionalMultiLine("description", description, 2000);
        Objects.requireNonNull(envelope, "envelope");
        createdBy = Objects.requireNonNullElse(createdBy, "");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        updatedBy = Objects.requireNonNullElse(updatedBy, "");
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MICROS);
    }

    /** The associated data its envelope is bound to, so that a sealed value cannot be moved to another secret. */
    public static String sealingContext(EnvironmentId environment, SecretName name) {
        return "secret:" + environment + ":" + name;
    }

    public Secret resealed(String newEnvelope) {
        return new Secret(id, environmentId, name, description, newEnvelope, createdBy, createdAt, updatedBy, updatedAt);
    }

    @Override
    public String toString() {
        return "Secret[" + environmentId + "/" + name + "]";
    }
}
