package dev.vectorflow.adapter.postgres.fleet;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.AgentReleaseRepositoryContract;

class PostgresAgentReleaseRepositoryTest extends AgentReleaseRepositoryContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
