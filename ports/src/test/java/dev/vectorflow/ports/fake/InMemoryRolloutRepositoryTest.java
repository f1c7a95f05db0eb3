package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.RolloutRepositoryContract;

class InMemoryRolloutRepositoryTest extends RolloutRepositoryContract {

    private final InMemoryFleetStore store = new InMemoryFleetStore();

    @Override
    protected FleetContractStore store() {
        return store;
    }
}
