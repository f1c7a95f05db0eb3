package dev.vectorflow.adapter.postgres.rollout;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.RolloutRepositoryContract;

class PostgresRolloutRepositoryTest extends RolloutRepositoryContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
