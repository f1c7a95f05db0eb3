package dev.vectorflow.adapter.postgres.node;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.NodeActionRepositoryContract;

class PostgresNodeActionRepositoryTest extends NodeActionRepositoryContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
