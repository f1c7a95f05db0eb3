package dev.vectorflow.adapter.postgres;

import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
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
