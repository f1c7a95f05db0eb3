package dev.vectorflow.core.validation;

import java.util.List;
import java.util.stream.Collectors;

/** Several fields are invalid at once: every problem is listed, and nothing was changed. */
public class InvalidValuesException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<InvalidValueException> problems;

    public InvalidValuesException(List<InvalidValueException> problems) {
        super(problems.stream().map(InvalidValueException::getMessage).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("'problems' must not be empty");
        }
        this.problems = List.copyOf(problems);
    }

    /** Each invalid field with what is wrong with it, in the order they were found. */
    public List<InvalidValueException> problems() {
        return problems;
    }
}
