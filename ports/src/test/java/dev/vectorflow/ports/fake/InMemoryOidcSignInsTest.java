package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.OidcSignInsContract;

class InMemoryOidcSignInsTest extends OidcSignInsContract {

    private final InMemoryFleetStore store = new InMemoryFleetStore();

    @Override
    protected FleetContractStore store() {
        return store;
    }
}
