package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/** Identity of a pipeline. */
public record PipelineId(UUID value) {

    public PipelineId {
        Objects.requireNonNull(value, "value");
    }

    public static PipelineId parse(String field, String text) {
        try {
            return new PipelineId(UUID.fromString(Objects.requireNonNull(text)));
        } catch (RuntimeException e) {
            throw new InvalidValueException(field, "must be a pipeline id (a UUID) but was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
