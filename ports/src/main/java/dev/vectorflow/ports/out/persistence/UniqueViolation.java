package dev.vectorflow.ports.out.persistence;

/**
 * A write was refused because another row already holds a value that must be unique (two
 * concurrent creates with the same name). The unit of work is rolled back.
 */
public class UniqueViolation extends PersistenceFailure {

    private static final long serialVersionUID = 1L;

    public UniqueViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
