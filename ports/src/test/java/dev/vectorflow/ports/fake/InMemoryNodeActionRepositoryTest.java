package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.ports.contract.NodeActionRepositoryContract;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;

class InMemoryNodeActionRepositoryTest extends NodeActionRepositoryContract {

    private final InMemoryFleetStore store = new InMemoryFleetStore();

    @Override
    protected Transactions transactions() {
        return store.transactions;
    }

    @Override
    protected EnvironmentId newEnvironment() {
        return store.newEnvironment();
    }

    @Override
    protected NodeRepository nodeStore() {
        return store.nodes;
    }

    @Override
    protected PipelineRepository pipelineStore() {
        return store.pipelines;
    }

    @Override
    protected NodeActionRepository actions() {
        return store.actions;
    }
}
