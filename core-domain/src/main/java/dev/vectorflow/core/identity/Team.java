package dev.vectorflow.core.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A group of people that owns environments. */
public record Team(TeamId id, TeamName name, Instant createdAt, Instant updatedAt) {

    public Team {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MICROS);
    }
}
