package dev.vectorflow.adapter.postgres.backup;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.BackupRunsContract;
import dev.vectorflow.ports.contract.FleetContractStore;

class PostgresBackupRunsTest extends BackupRunsContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
