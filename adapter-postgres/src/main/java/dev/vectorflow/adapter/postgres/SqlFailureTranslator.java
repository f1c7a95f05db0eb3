package dev.vectorflow.adapter.postgres;

import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.sql.SQLException;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Turns every SQL failure of a jOOQ query into a port-level failure, so that no jOOQ or JDBC
 * exception leaves this adapter: unique-key violations become {@link UniqueViolation}.
 */
final class SqlFailureTranslator implements ExecuteListener {

    private static final long serialVersionUID = 1L;
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public void exception(ExecuteContext ctx) {
        RuntimeException original = ctx.exception();
        if (original == null || original instanceof PersistenceFailure) {
            return;
        }
        ctx.exception(translate(original, ctx.sqlException()));
    }

    static PersistenceFailure translate(Throwable original, SQLException sql) {
        if (sql != null && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
            return new UniqueViolation(sql.getMessage(), original);
        }
        return new PersistenceFailure("Database operation failed: " + (sql != null ? sql.getMessage() : original.getMessage()), original);
    }
}
