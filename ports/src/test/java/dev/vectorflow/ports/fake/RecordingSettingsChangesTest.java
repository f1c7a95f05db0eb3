package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.SettingsChangesContract;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.settings.SettingsChanges;

class RecordingSettingsChangesTest extends SettingsChangesContract {

    private final InMemoryTransactions transactions = new InMemoryTransactions();

    @Override
    protected Transactions transactions() {
        return transactions;
    }

    @Override
    protected SettingsChanges publisherTo(Runnable subscriber) {
        RecordingSettingsChanges changes = new RecordingSettingsChanges(transactions);
        changes.onSettingsChanged(subscriber);
        return changes;
    }
}
