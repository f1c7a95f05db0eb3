package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.BackupRunsContract;
import dev.vectorflow.ports.contract.FleetContractStore;

class InMemoryBackupRunsTest extends BackupRunsContract {

    private final InMemoryFleetStore store = new InMemoryFleetStore();

    @Override
    protected FleetContractStore store() {
        return store;
    }
}
