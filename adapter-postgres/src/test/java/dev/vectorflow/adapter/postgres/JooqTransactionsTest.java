package dev.vectorflow.adapter.postgres;

import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.ports.contract.TransactionsContract;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JooqTransactionsTest extends TransactionsContract {

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
    protected Transactions transactions() {
        return store.transactions();
    }

    @Override
    protected EnvironmentRepository environments() {
        return store.environments();
    }

    @Override
    protected TeamId existingTeam() {
        return ContractStores.newTeam(store);
    }
}
