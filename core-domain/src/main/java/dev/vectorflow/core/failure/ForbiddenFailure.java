package dev.vectorflow.core.failure;

/** The caller is known and may see the object but not do this to it (e.g. demote the last platform admin). */
public final class ForbiddenFailure extends DomainFailure {

    private static final long serialVersionUID = 1L;

    public ForbiddenFailure(String message) {
        super(message);
    }
}
