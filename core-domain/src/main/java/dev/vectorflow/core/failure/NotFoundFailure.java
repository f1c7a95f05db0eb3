package dev.vectorflow.core.failure;

/** The object a use case was asked about does not exist (or is not visible to the caller). */
public final class NotFoundFailure extends DomainFailure {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String id;

    public NotFoundFailure(String kind, Object id) {
        super("%s %s does not exist".formatted(kind, id));
        this.kind = kind;
        this.id = String.valueOf(id);
    }

    /** What kind of object was missing, e.g. {@code Environment}. */
    public String kind() {
        return kind;
    }

    /** The id that was asked for. */
    public String id() {
        return id;
    }
}
