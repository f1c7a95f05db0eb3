package dev.vectorflow.core.failure;

/**
 * An expected refusal of a use case (not a bug): the thing asked for does not exist, or the
 * request conflicts with the current state. Use cases declare the failures they can raise.
 */
public abstract sealed class DomainFailure extends Exception permits NotFoundFailure, ConflictFailure, RejectedCredentialsFailure, ForbiddenFailure, InvalidGraphFailure,
        BackupRefusedFailure {

    private static final long serialVersionUID = 1L;

    protected DomainFailure(String message) {
        super(message, null, false, false);
    }
}
