package dev.vectorflow.ports.out.persistence;

/**
 * The store failed in a way the use case cannot handle (database down, broken query). Adapters
 * translate their own exceptions into this so that none of them crosses a port.
 */
public class PersistenceFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PersistenceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
