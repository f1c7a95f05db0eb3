package dev.vectorflow.ports.service;

import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.DomainFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.function.Supplier;

/**
 * Units of work that store a name no other row may have. They look the name up first; when two of them race, the loser
 * meets the database's unique violation, and that ends as the same conflict as a name found taken.
 */
public final class UniqueNames {

    private UniqueNames() {
    }

    /** A unit of work whose only expected failure is the conflict. */
    @FunctionalInterface
    public interface Claim<T> {
        T run() throws ConflictFailure;
    }

    /** A unit of work that may also find what it works in (a team, an environment, the row itself) missing. */
    @FunctionalInterface
    public interface ClaimWithin<T> {
        T run() throws NotFoundFailure, ConflictFailure;
    }

    /** Runs {@code work} in one unit of work; a lost race on the name throws {@code taken}. */
    public static <T> T claim(Transactions transactions, Supplier<ConflictFailure> taken, Claim<T> work) throws ConflictFailure {
        try {
            return transactions.inTransaction(work::run);
        } catch (UniqueViolation raceLost) {
            throw taken.get();
        }
    }

    /** As {@link #claim}, for work that may also throw {@link NotFoundFailure}. */
    public static <T> T claimWithin(Transactions transactions, Supplier<ConflictFailure> taken, ClaimWithin<T> work)
            throws NotFoundFailure, ConflictFailure {
        try {
            return transactions.inTransaction(work::run);
        } catch (UniqueViolation raceLost) {
            throw taken.get();
        } catch (NotFoundFailure | ConflictFailure expected) {
            throw expected;
        } catch (DomainFailure unexpected) {
            // the unit of work declares only the two failures caught before this one
            throw new IllegalStateException(unexpected);
        }
    }
}
