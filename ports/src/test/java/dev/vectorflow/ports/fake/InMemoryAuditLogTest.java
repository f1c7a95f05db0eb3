package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.AuditLogContract;
import dev.vectorflow.ports.contract.FleetContractStore;

class InMemoryAuditLogTest extends AuditLogContract {

    private final InMemoryFleetStore store = new InMemoryFleetStore();

    @Override
    protected FleetContractStore store() {
        return store;
    }
}
