package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.FleetChangesContract;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.persistence.Transactions;

class RecordingFleetChangesTest extends FleetChangesContract {

    private final InMemoryTransactions transactions = new InMemoryTransactions();

    @Override
    protected Transactions transactions() {
        return transactions;
    }

    @Override
    protected FleetChanges publisherTo(FleetCache subscriber) {
        return new RecordingFleetChanges(subscriber);
    }
}
