package dev.vectorflow.ports.fake;

import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.ports.contract.EnvironmentRepositoryContract;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.UUID;

class InMemoryEnvironmentRepositoryTest extends EnvironmentRepositoryContract {

    private InMemoryTransactions transactions;
    private InMemoryEnvironmentRepository repository;

    @Override
    protected void clear() {
        transactions = new InMemoryTransactions();
        repository = transactions.register(new InMemoryEnvironmentRepository());
    }

    @Override
    protected TeamId existingTeam(String name) {
        return new TeamId(UUID.randomUUID());
    }

    @Override
    protected EnvironmentRepository repository() {
        return repository;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }
}
