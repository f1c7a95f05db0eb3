package dev.vectorflow.adapter.postgres.alert;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.AlertRepositoriesContract;
import dev.vectorflow.ports.contract.FleetContractStore;

class PostgresAlertRepositoriesTest extends AlertRepositoriesContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
