package dev.vectorflow.adapter.postgres.pipeline;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.PipelineRepositoryContract;

class PostgresPipelineRepositoryTest extends PipelineRepositoryContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
