package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.validation.PlainText;
import java.util.Locale;

/** The name of a pipeline: 1-100 characters, no control characters, unique in its environment regardless of case. */
public record PipelineName(String value) {

    public static final int MAX_LENGTH = 100;

    public PipelineName {
        PlainText.requireSingleLine("name", value, MAX_LENGTH);
    }

    public String uniquenessKey() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
