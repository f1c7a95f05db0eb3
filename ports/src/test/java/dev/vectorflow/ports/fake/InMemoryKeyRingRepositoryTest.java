package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.KeyRingRepositoryContract;
import dev.vectorflow.ports.contract.FleetContractStore;

class InMemoryKeyRingRepositoryTest extends KeyRingRepositoryContract {

    private final InMemoryFleetStore store = new InMemoryFleetStore();

    @Override
    protected FleetContractStore store() {
        return store;
    }
}
