package dev.vectorflow.ports.out.persistence;

/**
 * Driven port: runs one use case as one unit of work. Everything the work writes through the
 * repositories commits together, or nothing does when it throws. Nested calls join the outer unit.
 */
public interface Transactions {

    <T, E extends Exception> T inTransaction(UnitOfWork<T, E> work) throws E;

    /** A piece of work that returns a value and may fail with {@code E}. */
    @FunctionalInterface
    interface UnitOfWork<T, E extends Exception> {
        T run() throws E;
    }
}
