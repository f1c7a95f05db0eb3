package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.ApiTokenRepositoryContract;

class InMemoryApiTokenRepositoryTest extends ApiTokenRepositoryContract {

    private final InMemoryFleetStore store = new InMemoryFleetStore();

    @Override
    protected FleetContractStore store() {
        return store;
    }
}
