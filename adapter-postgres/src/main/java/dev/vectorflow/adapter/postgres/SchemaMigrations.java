package dev.vectorflow.adapter.postgres;

import dev.vectorflow.core.backup.SchemaLevel;
import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.lockservice.LockServiceFactory;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Applies the Liquibase changelog (the same one jOOQ's code is generated from). */
public final class SchemaMigrations {

    /** The changelog path, relative to the classpath root; the codegen plugin uses the same one. */
    static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    // Liquibase logs through java.util.logging; keep its INFO chatter out of the server log
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    static {
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    private SchemaMigrations() {
    }

    private static volatile List<String> buildChangesets;

    /** The level this build's changelog brings a database to. */
    public static SchemaLevel buildLevel() {
        List<String> ids = buildChangesets();
        return new SchemaLevel(ids.size(), ids.isEmpty() ? "" : ids.getLast());
    }

    /** The ids of this build's changesets, in the order they apply. */
    public static List<String> buildChangesets() {
        List<String> ids = buildChangesets;
        if (ids == null) {
            try {
                ClassLoaderResourceAccessor resources = new ClassLoaderResourceAccessor(SchemaMigrations.class.getClassLoader());
                List<ChangeSet> changeSets = ChangeLogParserFactory.getInstance().getParser(CHANGELOG, resources)
                        .parse(CHANGELOG, new ChangeLogParameters(), resources).getChangeSets();
                ids = changeSets.stream().map(ChangeSet::getId).toList();
                buildChangesets = ids;
            } catch (Exception e) {
                throw new PersistenceFailure("Cannot read the schema changelog: " + e.getMessage(), e);
            }
        }
        return ids;
    }

    /** The level of the database behind {@code connection} (no changeset when it has no schema yet). */
    public static SchemaLevel levelOf(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            try (ResultSet exists = s.executeQuery("select to_regclass('databasechangelog') is not null")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return new SchemaLevel(0, "");
                }
            }
            try (ResultSet rs = s.executeQuery("select count(*) over (), id from databasechangelog order by orderexecuted desc limit 1")) {
                return rs.next() ? new SchemaLevel(rs.getInt(1), rs.getString(2)) : new SchemaLevel(0, "");
            }
        }
    }

    /**
     * Applies the first {@code count} changesets (all when null) inside the caller's transaction on {@code connection}:
     * Liquibase sees a connection whose commits do nothing, so the migration commits or rolls back with the caller's work
     * (PostgreSQL's DDL is transactional).
     */
    public static void applyWithin(Connection connection, Integer count) {
        System.setProperty("liquibase.analytics.enabled", "false");
        Connection uncommitted = (Connection) Proxy.newProxyInstance(SchemaMigrations.class.getClassLoader(), new Class<?>[] {Connection.class},
                uncommitting(connection));
        LockServiceFactory.getInstance().resetAll();
        ChangeLogHistoryServiceFactory.getInstance().resetAll();
        org.postgresql.PGConnection pg;
        org.postgresql.jdbc.AutoSave before;
        try {
            pg = connection.unwrap(org.postgresql.PGConnection.class);
            before = pg.getAutosave();
            // Liquibase probes for its tables by querying them: a savepoint around each statement keeps such an expected
            // failure from aborting the caller's transaction
            pg.setAutosave(org.postgresql.jdbc.AutoSave.ALWAYS);
        } catch (SQLException e) {
            throw new PersistenceFailure("Applying the database schema failed: " + e.getMessage(), e);
        }
        try {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(uncommitted));
            Scope.child(Map.of(
                    Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(SchemaMigrations.class.getClassLoader()),
                    Scope.Attr.ui.name(), new LoggerUIService()), () -> {
                if (count == null) {
                    new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                            .execute();
                } else if (count > 0) {
                    new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                            .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count)
                            .execute();
                }
            });
        } catch (Exception e) {
            throw new PersistenceFailure("Applying the database schema failed: " + e.getMessage(), e);
        } finally {
            pg.setAutosave(before);
            LockServiceFactory.getInstance().resetAll();
            ChangeLogHistoryServiceFactory.getInstance().resetAll();
        }
    }

    private static final Set<String> NOT_FOR_LIQUIBASE = Set.of("commit", "rollback", "setAutoCommit", "close", "releaseSavepoint");

    private static InvocationHandler uncommitting(Connection target) {
        return (proxy, method, args) -> {
            String name = method.getName();
            if (NOT_FOR_LIQUIBASE.contains(name) && (args == null || args.length <= 1)) {
                return null;
            }
            if (name.equals("getAutoCommit")) {
                return false;
            }
            if (name.equals("isClosed")) {
                return target.isClosed();
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }

    /** Brings the schema up to date; a second run changes nothing. */
    public static void apply(DataSource dataSource) {
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showSummaryOutput", "LOG");
        System.setProperty("liquibase.command.showSummaryOutput", "LOG");
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Map.of(
                    Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(SchemaMigrations.class.getClassLoader()),
                    Scope.Attr.ui.name(), new LoggerUIService()), () ->
                    new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                            .execute());
        } catch (Exception e) {
            throw new PersistenceFailure("Applying the database schema failed: " + e.getMessage(), e);
        }
    }
}
