package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.HeartbeatWriterContract;
import dev.vectorflow.ports.contract.FleetContractStore;

class RecordingHeartbeatWriterTest extends HeartbeatWriterContract {

    private final InMemoryFleetStore store = new InMemoryFleetStore();

    @Override
    protected FleetContractStore store() {
        return store;
    }
}
