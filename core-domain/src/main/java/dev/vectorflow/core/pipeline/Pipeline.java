package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.validation.PlainText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A pipeline of an environment: its name and description and the draft graph people edit. What
 * runs on nodes are its immutable {@link PipelineVersion}s, published from the draft.
 */
public record Pipeline(PipelineId id, EnvironmentId environmentId, PipelineName name, String description, PipelineGraph draft,
                       String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {

    public Pipeline {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(name, "name");
        description = checkDescription(description);
        Objects.requireNonNull(draft, "draft");
        createdBy = Objects.requireNonNullElse(createdBy, "");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        updatedBy = Objects.requireNonNullElse(updatedBy, "");
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MICROS);
    }

    public static final int DESCRIPTION_MAX_LENGTH = 2000;

    public static String checkDescription(String description) {
        return PlainText.optionalMultiLine("description", description, DESCRIPTION_MAX_LENGTH);
    }

    public Pipeline withDraft(PipelineGraph graph, String by, Instant now) {
        return new Pipeline(id, environmentId, name, description, graph, createdBy, createdAt, by, now);
    }

    public Pipeline withDetails(PipelineName newName, String newDescription, String by, Instant now) {
        return new Pipeline(id, environmentId, newName, newDescription, draft, createdBy, createdAt, by, now);
    }
}
