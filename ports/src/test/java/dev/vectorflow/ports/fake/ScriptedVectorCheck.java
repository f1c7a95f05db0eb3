package dev.vectorflow.ports.fake;

import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.ports.out.vector.VectorConfigCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Stand-in of {@link VectorConfigCheck}: answers as told (or as if no vector binary were there) and notes when it was asked. */
public final class ScriptedVectorCheck implements VectorConfigCheck {

    private Optional<Verdict> verdict = Optional.empty();
    private final BooleanSupplier inUnitOfWork;
    private final List<Boolean> askedInUnitOfWork = new ArrayList<>();

    /** {@code inUnitOfWork} tells whether a unit of work is open at the moment of a check. */
    public ScriptedVectorCheck(BooleanSupplier inUnitOfWork) {
        this.inUnitOfWork = inUnitOfWork;
    }

    public void valid() {
        verdict = Optional.of(new Verdict(true, List.of(), "0.57.0"));
    }

    public void refuses(String message) {
        verdict = Optional.of(new Verdict(false, List.of(Problem.error(null, "", message)), "0.57.0"));
    }

    /** For each check so far: whether a unit of work was open while Vector ran. */
    public List<Boolean> askedInUnitOfWork() {
        return askedInUnitOfWork;
    }

    @Override
    public Optional<Verdict> check(String configYaml) {
        askedInUnitOfWork.add(inUnitOfWork.getAsBoolean());
        return verdict;
    }

    @Override
    public Optional<Verdict> test(String configYaml) {
        return verdict;
    }
}
