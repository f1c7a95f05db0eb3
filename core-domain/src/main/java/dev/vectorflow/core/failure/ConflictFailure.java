package dev.vectorflow.core.failure;

import java.util.Optional;

/**
 * The request contradicts the current state: a name already taken, an object still in use.
 * Nothing was changed.
 */
public final class ConflictFailure extends DomainFailure {

    private static final long serialVersionUID = 1L;

    private final String field;

    /** A conflict caused by one field's value (e.g. a name that is taken). */
    public static ConflictFailure onField(String field, String message) {
        return new ConflictFailure(field, message);
    }

    /** A conflict with the state of the object as a whole (e.g. it is still in use). */
    public static ConflictFailure onState(String message) {
        return new ConflictFailure(null, message);
    }

    private ConflictFailure(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field whose value conflicts, when there is one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
