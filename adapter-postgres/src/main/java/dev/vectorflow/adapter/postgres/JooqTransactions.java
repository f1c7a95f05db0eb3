package dev.vectorflow.adapter.postgres;

import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * {@link Transactions} on PostgreSQL: one JDBC transaction per outermost unit of work, bound to
 * the current thread so that every repository call inside it shares it.
 */
public final class JooqTransactions implements Transactions {

    private final DSLContext root;
    private final ThreadLocal<DSLContext> current = new ThreadLocal<>();

    JooqTransactions(DSLContext root) {
        this.root = root;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T, E extends Exception> T inTransaction(UnitOfWork<T, E> work) throws E {
        if (current.get() != null) {
            return work.run();
        }
        try {
            return root.transactionResult(configuration -> {
                current.set(configuration.dsl());
                try {
                    return work.run();
                } catch (RuntimeException | Error unchecked) {
                    throw unchecked;
                } catch (Exception checked) {
                    throw new CheckedFailureCarrier(checked);
                } finally {
                    current.remove();
                }
            });
        } catch (CheckedFailureCarrier carrier) {
            throw (E) carrier.getCause();
        } catch (PersistenceFailure failure) {
            throw failure;
        } catch (DataAccessException e) {
            // begin/commit/rollback failures (the statements themselves are translated by SqlFailureTranslator)
            throw SqlFailureTranslator.translate(e, e.getCause(SQLException.class));
        }
    }

    /** The DSL of the unit of work running on this thread. */
    DSLContext dsl() {
        DSLContext dsl = current.get();
        if (dsl == null) {
            throw new IllegalStateException("a repository was used outside Transactions.inTransaction");
        }
        return dsl;
    }

    /** Carries a checked failure of the work through jOOQ's transaction, which rolls back on it. */
    private static final class CheckedFailureCarrier extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckedFailureCarrier(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
