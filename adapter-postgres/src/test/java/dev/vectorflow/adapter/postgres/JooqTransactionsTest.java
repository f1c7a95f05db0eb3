package dev.vectorflow.adapter.postgres;

import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.ports.contract.TransactionsContract;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;

class JooqTransactionsTest extends TransactionsContract {

    @Override
    protected Transactions transactions() {
        return PostgresFleetContractStore.shared().transactions();
    }

    @Override
    protected EnvironmentRepository environments() {
        return PostgresFleetContractStore.shared().store().environments();
    }

    @Override
    protected TeamId existingTeam() {
        return ContractStores.newTeam(PostgresFleetContractStore.shared().store());
    }
}
