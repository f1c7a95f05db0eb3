package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.FleetOverviewRepositoryContract;
import dev.vectorflow.ports.contract.FleetContractStore;

class InMemoryFleetOverviewRepositoryTest extends FleetOverviewRepositoryContract {

    private final InMemoryFleetStore store = new InMemoryFleetStore();

    @Override
    protected FleetContractStore store() {
        return store;
    }
}
