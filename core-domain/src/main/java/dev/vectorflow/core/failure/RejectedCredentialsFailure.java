package dev.vectorflow.core.failure;

/** The credentials given (password, token, setup link) are wrong; says nothing more, on purpose. */
public final class RejectedCredentialsFailure extends DomainFailure {

    private static final long serialVersionUID = 1L;

    public RejectedCredentialsFailure(String message) {
        super(message);
    }
}
