package dev.vectorflow.adapter.postgres;

import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * {@link Transactions} on PostgreSQL: one JDBC transaction per outermost unit of work, bound to
 * the current thread so that every repository call inside it shares it.
 *
 * <p>One jOOQ configuration serves every unit of work: its connection provider hands out the connection of the unit
 * running on the calling thread. (jOOQ's own {@code transactionResult} derives a new configuration for each
 * transaction, which cost a tenth of all allocation on the heartbeat path.) The transaction itself is what jOOQ's
 * did: auto-commit off on a pooled connection, commit when the work returns, roll back when it throws (a failed
 * rollback is added to the failure as suppressed), the connection back to the pool either way.
 */
public final class JooqTransactions implements Transactions {

    private final DataSource pool;
    private final DSLContext dsl;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    /** {@code settings}: dialect, settings and listeners; its connection provider is replaced by this one's. */
    JooqTransactions(DataSource pool, Configuration settings) {
        this.pool = pool;
        this.dsl = DSL.using(settings.derive(new BoundConnection()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T, E extends Exception> T inTransaction(UnitOfWork<T, E> work) throws E {
        if (current.get() != null) {
            return work.run();
        }
        Connection connection = open();
        try {
            T result;
            current.set(connection);
            try {
                result = work.run();
            } catch (Throwable failure) {
                rollBack(connection, failure);
                throw failure;
            } finally {
                current.remove();
            }
            commit(connection);
            return result;
        } catch (PersistenceFailure failure) {
            throw failure;
        } catch (DataAccessException e) {
            // failures of jOOQ outside the statements (the statements themselves are translated by SqlFailureTranslator)
            throw SqlFailureTranslator.translate(e, e.getCause(SQLException.class));
        } finally {
            close(connection);
        }
    }

    /** The DSL of the unit of work running on this thread. */
    DSLContext dsl() {
        if (current.get() == null) {
            throw new IllegalStateException("a repository was used outside Transactions.inTransaction");
        }
        return dsl;
    }

    private Connection open() {
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw SqlFailureTranslator.translate(new DataAccessException("Error getting connection from data source", e), e);
        }
        try {
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            close(connection);
            throw SqlFailureTranslator.translate(new DataAccessException("Cannot set autoCommit", e), e);
        }
    }

    private static void commit(Connection connection) {
        try {
            connection.commit();
        } catch (SQLException e) {
            DataAccessException failure = new DataAccessException("Cannot commit transaction", e);
            rollBack(connection, failure);
            throw failure;
        }
    }

    private static void rollBack(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Back to the pool, which sets auto-commit back on (and rolls back what a broken unit left open). */
    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the pool drops a connection it cannot take back; the unit of work is already settled
        }
    }

    /** The connection of the unit of work on the calling thread; released by the unit, not by each statement. */
    private final class BoundConnection implements ConnectionProvider {

        @Override
        public Connection acquire() {
            return current.get();
        }

        @Override
        public void release(Connection connection) {
            // the unit of work closes it
        }
    }
}
