package dev.vectorflow.adapter.postgres.settings;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.SettingsRepositoryContract;

class PostgresSettingsRepositoryTest extends SettingsRepositoryContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
