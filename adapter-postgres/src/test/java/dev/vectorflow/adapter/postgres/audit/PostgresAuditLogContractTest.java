package dev.vectorflow.adapter.postgres.audit;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.AuditLogContract;
import dev.vectorflow.ports.contract.FleetContractStore;

class PostgresAuditLogContractTest extends AuditLogContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
