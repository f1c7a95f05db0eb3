package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.AlertRepositoriesContract;
import dev.vectorflow.ports.contract.FleetContractStore;

class InMemoryAlertRepositoriesTest extends AlertRepositoriesContract {

    private final InMemoryFleetStore store = new InMemoryFleetStore();

    @Override
    protected FleetContractStore store() {
        return store;
    }
}
