package dev.vectorflow.adapter.postgres.deployment;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.DeploymentRepositoryContract;

class PostgresDeploymentRepositoryTest extends DeploymentRepositoryContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
