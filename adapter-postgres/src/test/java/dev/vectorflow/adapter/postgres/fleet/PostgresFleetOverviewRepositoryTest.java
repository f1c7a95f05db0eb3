package dev.vectorflow.adapter.postgres.fleet;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.FleetOverviewRepositoryContract;
import dev.vectorflow.ports.contract.FleetContractStore;

class PostgresFleetOverviewRepositoryTest extends FleetOverviewRepositoryContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
