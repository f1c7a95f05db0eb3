package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.EnvironmentRepositoryContract;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;

class InMemoryEnvironmentRepositoryTest extends EnvironmentRepositoryContract {

    private InMemoryTransactions transactions;
    private InMemoryEnvironmentRepository repository;

    @Override
    protected void clear() {
        transactions = new InMemoryTransactions();
        repository = transactions.register(new InMemoryEnvironmentRepository());
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
