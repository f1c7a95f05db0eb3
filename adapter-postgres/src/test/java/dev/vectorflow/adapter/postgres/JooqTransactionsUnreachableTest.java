package dev.vectorflow.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vectorflow.ports.out.persistence.DatabaseUnreachable;
import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Units of work while the database cannot be reached fail at once, and the first connection that works ends that. */
class JooqTransactionsUnreachableTest {

    /** Refuses every connection; its 1 s wait leaves a loaded machine time to see the refusal before the pool gives up. */
    private final HikariDataSource dead = pool("jdbc:postgresql://127.0.0.1:1/none", null, null, 10, 1000);
    private HikariDataSource live;

    @AfterEach
    void close() {
        dead.close();
        if (live != null) {
            live.close();
        }
    }

    @Test
    void givenTheDatabaseRefusesConnections_whenUnitsFollow_thenTheFirstWaitsThePoolAndTheNextFailAtOnce() {
        JooqTransactions tx = transactions(dead);

        long first = millis(() -> assertThatThrownBy(() -> tx.inTransaction(() -> 1))
                .isInstanceOf(DatabaseUnreachable.class).hasMessageContaining("cannot be reached"));
        long next = millis(() -> assertThatThrownBy(() -> tx.inTransaction(() -> 1))
                .isInstanceOf(DatabaseUnreachable.class).hasMessageContaining("try again"));

        assertThat(first).isGreaterThanOrEqualTo(250);
        assertThat(next).isLessThan(100);
    }

    @Test
    void givenTheDatabaseStaysDown_whenTheRetryIsDue_thenTheUnitThatTriesAgainFailsWithinTheRetryWait_notThePoolsTimeout()
            throws Exception {
        try (HikariDataSource slow = pool("jdbc:postgresql://127.0.0.1:1/none", null, null, 10, 3000)) {
            JooqTransactions tx = transactions(slow);
            assertThatThrownBy(() -> tx.inTransaction(() -> 1)).isInstanceOf(DatabaseUnreachable.class);

            for (int round = 0; round < 3; round++) {
                Thread.sleep(JooqTransactions.RETRY_EVERY.toMillis() + 100);
                long retry = millis(() -> assertThatThrownBy(() -> tx.inTransaction(() -> 1)).isInstanceOf(DatabaseUnreachable.class));
                long next = millis(() -> assertThatThrownBy(() -> tx.inTransaction(() -> 1)).isInstanceOf(DatabaseUnreachable.class));

                assertThat(retry).as("round %d: the unit due to try again waited %d ms", round, retry)
                        .isLessThan(JooqTransactions.RETRY_WAIT.toMillis() + 250);
                assertThat(next).as("round %d: the unit after it", round).isLessThan(100);
            }
        }
    }

    @Test
    void givenTheDatabaseComesBack_whenTheRetryIsDue_thenUnitsWorkAgain() throws Exception {
        var settings = TestDatabases.freshDatabase();
        live = pool(settings.jdbcUrl().orElseThrow(), settings.user().orElse(null), settings.password().orElse(null), 2);
        var target = new AtomicReference<DataSource>(dead);
        JooqTransactions tx = transactions(new Switch(target));
        assertThatThrownBy(() -> tx.inTransaction(() -> 1)).isInstanceOf(DatabaseUnreachable.class);

        target.set(live);
        assertThatThrownBy(() -> tx.inTransaction(() -> 1)).isInstanceOf(DatabaseUnreachable.class);
        Thread.sleep(JooqTransactions.RETRY_EVERY.toMillis() + 100);

        assertThat(tx.inTransaction(() -> tx.dsl().fetchValue("select 41 + 1"))).isEqualTo(42);
        assertThat(tx.inTransaction(() -> tx.dsl().fetchValue("select 1"))).isEqualTo(1);
    }

    @Test
    void givenABusyPool_whenAUnitTimesOut_thenItIsNotTakenForAnUnreachableDatabase() throws Exception {
        var settings = TestDatabases.freshDatabase();
        live = pool(settings.jdbcUrl().orElseThrow(), settings.user().orElse(null), settings.password().orElse(null), 1);
        JooqTransactions tx = transactions(live);
        try (var busy = BusyConnections.hold(tx, 1, () -> { })) {
            assertThatThrownBy(() -> tx.inTransaction(() -> 1))
                    .isInstanceOf(PersistenceFailure.class).isNotInstanceOf(DatabaseUnreachable.class);
        }

        long after = millis(() -> assertThat(tx.inTransaction(() -> tx.dsl().fetchValue("select 1"))).isEqualTo(1));
        assertThat(after).isLessThan(250);
    }

    private static JooqTransactions transactions(DataSource pool) {
        return new JooqTransactions(pool, new DefaultConfiguration().set(SQLDialect.POSTGRES).set(new SqlFailureTranslator()));
    }

    private static HikariDataSource pool(String url, String user, String password, int size) {
        return pool(url, user, password, size, 300);
    }

    private static HikariDataSource pool(String url, String user, String password, int size, long connectionTimeoutMs) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(connectionTimeoutMs);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static long millis(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A data source whose target can be switched, as a database that comes back at the same address. */
    private record Switch(AtomicReference<DataSource> target) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return target.get().getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return target.get().getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
