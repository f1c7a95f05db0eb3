package dev.vectorflow.adapter.postgres.telemetry;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.TelemetryRepositoryContract;
import dev.vectorflow.ports.contract.FleetContractStore;

class PostgresTelemetryRepositoryTest extends TelemetryRepositoryContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
