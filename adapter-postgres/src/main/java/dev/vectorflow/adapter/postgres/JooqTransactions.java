package dev.vectorflow.adapter.postgres;

import dev.vectorflow.ports.out.persistence.DatabaseUnreachable;
import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>When the database cannot be reached (the pool gave no connection and its last attempt failed with a connection
 * error, or a unit's connection broke as the server went down), the units of work that follow fail at once with {@link DatabaseUnreachable} instead of
 * each waiting the pool's connection timeout: one caller at a time, at most every {@link #RETRY_EVERY}, tries a
 * connection again, waiting at most {@link #RETRY_WAIT} for it (the attempt goes on to the pool's timeout without the
 * caller, and no other starts meanwhile), and the first connection that comes ends it. A pool that is merely busy
 * (every connection in use until the timeout) is not taken for an unreachable database.
 */
public final class JooqTransactions implements Transactions {

    private final DataSource pool;
    private final DSLContext dsl;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    /** How often, while the database is unreachable, one caller tries to connect again. */
    static final Duration RETRY_EVERY = Duration.ofSeconds(1);
    /** How long the caller that tries again waits for the connection; the attempt goes on without it (up to the pool's timeout). */
    static final Duration RETRY_WAIT = Duration.ofMillis(500);
    private volatile boolean unreachable;
    private volatile long unreachableSinceNanos;
    private volatile long retryAtNanos;
    private final AtomicBoolean trying = new AtomicBoolean();

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
            throw lostConnection(failure) ? unreachable(failure) : failure;
        } catch (DataAccessException e) {
            // failures of jOOQ outside the statements (the statements themselves are translated by SqlFailureTranslator)
            PersistenceFailure failure = SqlFailureTranslator.translate(e, e.getCause(SQLException.class));
            throw lostConnection(failure) ? unreachable(failure) : failure;
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
        if (!unreachable) {
            return connect();
        }
        long now = System.nanoTime();
        if (now - retryAtNanos < 0 || !trying.compareAndSet(false, true)) {
            throw stillUnreachable(now);
        }
        CompletableFuture<Connection> attempt = CompletableFuture.supplyAsync(this::connect,
                task -> Thread.ofVirtual().name("vf-db-retry").start(task));
        try {
            Connection connection = attempt.get(RETRY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            unreachable = false;
            trying.set(false);
            return connection;
        } catch (ExecutionException e) {
            trying.set(false);
            throw e.getCause() instanceof RuntimeException failure ? failure : new DatabaseUnreachable(
                    "The database cannot be reached: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the attempt goes on without this caller: a connection it gets ends the outage, its failure sets the next try
            attempt.whenComplete((connection, failure) -> {
                if (connection != null) {
                    unreachable = false;
                    close(connection);
                }
                trying.set(false);
            });
            throw stillUnreachable(now);
        }
    }

    private DatabaseUnreachable stillUnreachable(long now) {
        return new DatabaseUnreachable("The database cannot be reached (for "
                + Math.max(1, (now - unreachableSinceNanos) / 1_000_000_000L) + " s); try again shortly.", null);
    }

    /** A pooled connection with auto-commit off; marks the database unreachable when the pool says it cannot connect. */
    private Connection connect() {
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                throw unreachable(e);
            }
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

    /** Marks the database unreachable from now (the next try in {@link #RETRY_EVERY}) and says so. */
    private DatabaseUnreachable unreachable(Exception cause) {
        long now = System.nanoTime();
        if (!unreachable) {
            unreachableSinceNanos = now;
            unreachable = true;
        }
        retryAtNanos = now + RETRY_EVERY.toNanos();
        return cause instanceof DatabaseUnreachable already ? already
                : new DatabaseUnreachable("The database cannot be reached: " + cause.getMessage(), cause);
    }

    /** A unit of work that failed because its connection broke (the database went away under it). */
    private static boolean lostConnection(PersistenceFailure failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isConnectionFailure(sql)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A connection error (SQLState class 08) or the server going down (57P01 admin shutdown, 57P02 crash shutdown,
     * 57P03 cannot connect now), of the attempt itself or of the pool's last attempt behind its timeout.
     */
    static boolean isConnectionFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
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
