package dev.vectorflow.ports.out.persistence;

/**
 * The database cannot be reached at all (refused or dropped connections), as opposed to a statement that failed. A
 * caller answers at once that the service is unavailable and when to try again, instead of waiting for a connection.
 */
public final class DatabaseUnreachable extends PersistenceFailure {

    private static final long serialVersionUID = 1L;

    public DatabaseUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
