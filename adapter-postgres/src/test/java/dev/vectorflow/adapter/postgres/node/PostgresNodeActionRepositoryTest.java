package dev.vectorflow.adapter.postgres.node;

import dev.vectorflow.adapter.postgres.ContractStores;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.ports.contract.NodeActionRepositoryContract;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresNodeActionRepositoryTest extends NodeActionRepositoryContract {

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
    protected EnvironmentId newEnvironment() {
        return ContractStores.newEnvironment(store);
    }

    @Override
    protected NodeRepository nodeStore() {
        return store.nodes();
    }

    @Override
    protected PipelineRepository pipelineStore() {
        return store.pipelines();
    }

    @Override
    protected NodeActionRepository actions() {
        return store.nodeActions();
    }
}
