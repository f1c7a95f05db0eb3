package dev.vectorflow.core.validation;

import java.util.Objects;

/** Thrown when a value object is constructed from an invalid value; names the field at fault. */
public class InvalidValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    public InvalidValueException(String field, String problem) {
        super("'" + field + "' " + problem);
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The name of the field at fault, as the user knows it (e.g. {@code name}). */
    public String field() {
        return field;
    }

    /** What is wrong with the value, without the field name (e.g. {@code must not be empty}). */
    public String problem() {
        return problem;
    }
}
