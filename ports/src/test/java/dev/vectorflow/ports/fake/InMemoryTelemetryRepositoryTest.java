package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.TelemetryRepositoryContract;
import dev.vectorflow.ports.contract.FleetContractStore;

class InMemoryTelemetryRepositoryTest extends TelemetryRepositoryContract {

    private final InMemoryFleetStore store = new InMemoryFleetStore();

    @Override
    protected FleetContractStore store() {
        return store;
    }
}
