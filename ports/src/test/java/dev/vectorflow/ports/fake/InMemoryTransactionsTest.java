package dev.vectorflow.ports.fake;

import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.ports.contract.TransactionsContract;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.UUID;

class InMemoryTransactionsTest extends TransactionsContract {

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEnvironmentRepository environments = transactions.register(new InMemoryEnvironmentRepository());

    @Override
    protected Transactions transactions() {
        return transactions;
    }

    @Override
    protected EnvironmentRepository environments() {
        return environments;
    }

    @Override
    protected TeamId existingTeam() {
        return new TeamId(UUID.randomUUID());
    }
}
