package dev.vectorflow.core.failure;

import dev.vectorflow.core.pipeline.Problem;
import java.util.List;

/** A pipeline graph is unfit to store even as a draft (duplicate keys, unknown types, edges to nothing, cycles); lists every problem. */
public final class InvalidGraphFailure extends DomainFailure {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidGraphFailure(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
