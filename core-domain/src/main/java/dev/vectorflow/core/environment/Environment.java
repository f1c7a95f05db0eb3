package dev.vectorflow.core.environment;

import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.PlainText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A deployment target grouping nodes, pipelines and secrets (e.g. "production"), owned by one
 * team; its name is unique within the team regardless of case. When it {@code requiresApproval}, deploys and promotions
 * into it wait for another admin of the team. Immutable: the {@code renamed}/{@code described}/{@code withApprovalRequired}
 * methods return the changed copy.
 */
public record Environment(EnvironmentId id, TeamId teamId, EnvironmentName name, String description, Instant createdAt, Instant updatedAt,
                          boolean requiresApproval) {

    public static final int DESCRIPTION_MAX_LENGTH = 2000;

    public Environment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(name, "name");
        description = checkDescription(description);
        // stored with microsecond precision (PostgreSQL timestamptz): keep the model equal to what is read back
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MICROS);
        if (updatedAt.isBefore(createdAt)) {
            throw new InvalidValueException("updatedAt", "must not be before createdAt (" + createdAt + ") but was " + updatedAt);
        }
    }

    /** An environment that needs no approval. */
    public Environment(EnvironmentId id, TeamId teamId, EnvironmentName name, String description, Instant createdAt, Instant updatedAt) {
        this(id, teamId, name, description, createdAt, updatedAt, false);
    }

    /** A new environment, created and last updated at {@code now}. */
    public static Environment create(EnvironmentId id, TeamId teamId, EnvironmentName name, String description, Instant now) {
        return new Environment(id, teamId, name, description, now, now);
    }

    /** Checks an environment description: optional, multi-line, at most 2000 characters. */
    public static String checkDescription(String description) {
        return PlainText.optionalMultiLine("description", description, DESCRIPTION_MAX_LENGTH);
    }

    public Environment renamed(EnvironmentName newName, Instant now) {
        return new Environment(id, teamId, newName, description, createdAt, later(now), requiresApproval);
    }

    public Environment described(String newDescription, Instant now) {
        return new Environment(id, teamId, name, newDescription, createdAt, later(now), requiresApproval);
    }

    /** The copy whose deploys and promotions wait (or no longer wait) for another admin's approval. */
    public Environment withApprovalRequired(boolean required, Instant now) {
        return new Environment(id, teamId, name, description, createdAt, later(now), required);
    }

    // a clock that steps back (NTP) must not produce updatedAt < createdAt
    private Instant later(Instant now) {
        Instant truncated = now.truncatedTo(ChronoUnit.MICROS);
        return truncated.isBefore(createdAt) ? createdAt : truncated;
    }
}
