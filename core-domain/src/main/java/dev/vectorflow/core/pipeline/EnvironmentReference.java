package dev.vectorflow.core.pipeline;

import java.util.Objects;

/**
 * In a rendered config tree: a number, flag or enum value given as an environment variable reference
 * ({@code ${BATCH}}, {@code ${BATCH:-100}}, {@code $BATCH}). The codecs write its text bare, without quotes, so that
 * Vector's textual substitution turns {@code batch_size: ${BATCH}} into {@code batch_size: 100}.
 */
public record EnvironmentReference(String text) {

    public EnvironmentReference {
        Objects.requireNonNull(text, "text");
        if (EnvironmentVariables.wholeReference(text).isEmpty()) {
            throw new IllegalArgumentException("'text' must be one environment variable reference but was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
