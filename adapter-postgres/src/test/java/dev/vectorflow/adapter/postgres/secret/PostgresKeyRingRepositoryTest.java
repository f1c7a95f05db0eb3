package dev.vectorflow.adapter.postgres.secret;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.KeyRingRepositoryContract;

class PostgresKeyRingRepositoryTest extends KeyRingRepositoryContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
