package dev.vectorflow.core.backup;

import java.util.Objects;

/**
 * How far a database schema was migrated: the number of changesets applied and the id of the last one. A backup
 * records the level of the database it came from; a build refuses to restore a level above its own.
 */
public record SchemaLevel(int changesets, String lastChangeset) {

    public SchemaLevel {
        if (changesets < 0) {
            throw new IllegalArgumentException("'changesets' must not be negative but was " + changesets);
        }
        Objects.requireNonNull(lastChangeset, "lastChangeset");
    }

    /** True when this level has changesets that {@code other} does not know. */
    public boolean isNewerThan(SchemaLevel other) {
        return changesets > other.changesets;
    }

    @Override
    public String toString() {
        return changesets + " changesets (last: " + (lastChangeset.isEmpty() ? "none" : lastChangeset) + ")";
    }
}
