package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.out.settings.SettingsChanges;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fake of {@link SettingsChanges}: counts the notices, and runs its subscribers when the unit of work that sent one commits. */
public final class RecordingSettingsChanges implements SettingsChanges {

    private final InMemoryTransactions transactions;
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private int notices;

    public RecordingSettingsChanges(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    /** Runs {@code reload} after every committed change. */
    public void onSettingsChanged(Runnable reload) {
        subscribers.add(reload);
    }

    /** How many changes were sent (committed or not). */
    public int notices() {
        return notices;
    }

    @Override
    public void settingsChanged() {
        notices++;
        transactions.afterCommit(() -> subscribers.forEach(Runnable::run));
    }
}
