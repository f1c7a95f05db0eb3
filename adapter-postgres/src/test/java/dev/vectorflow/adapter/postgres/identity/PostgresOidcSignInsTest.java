package dev.vectorflow.adapter.postgres.identity;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.OidcSignInsContract;

class PostgresOidcSignInsTest extends OidcSignInsContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
