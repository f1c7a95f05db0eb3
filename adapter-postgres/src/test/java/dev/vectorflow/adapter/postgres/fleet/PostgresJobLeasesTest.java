package dev.vectorflow.adapter.postgres.fleet;

import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.ports.contract.JobLeasesContract;
import dev.vectorflow.ports.out.fleet.JobLeases;
import dev.vectorflow.ports.out.persistence.Transactions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresJobLeasesTest extends JobLeasesContract {

    private static PostgresStore store;

    @BeforeAll
    static void openStore() {
        store = TestDatabases.freshStore();
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Override
    protected JobLeases leases() {
        return store.jobLeases();
    }

    @Override
    protected Transactions transactions() {
        return store.transactions();
    }
}
