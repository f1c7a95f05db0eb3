package dev.vectorflow.ports.contract;

import static dev.vectorflow.ports.contract.ChangeNotices.eventually;
import static dev.vectorflow.ports.contract.ChangeNotices.stillNotAfterAMoment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.settings.SettingsChanges;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SettingsChanges} must do: a change reaches the subscribers (on a database, those of every server
 * sharing it) when its unit of work commits, and not when the work is rolled back. Several changes may arrive as one
 * (the subscriber reads the whole store again anyway).
 */
public abstract class SettingsChangesContract {

    /** The unit of work changes are published in. */
    protected abstract Transactions transactions();

    /** A new {@link SettingsChanges} whose notices run {@code subscriber}, listening already. */
    protected abstract SettingsChanges publisherTo(Runnable subscriber);

    private void inTransaction(Runnable work) {
        transactions().inTransaction(() -> {
            work.run();
            return null;
        });
    }

    @Test
    void givenACommittedUnitOfWork_whenSettingsChanged_thenTheSubscriberRuns() {
        AtomicInteger runs = new AtomicInteger();
        SettingsChanges changes = publisherTo(runs::incrementAndGet);

        inTransaction(changes::settingsChanged);

        assertThat(eventually(() -> runs.get() >= 1)).as("the notice arrives").isTrue();
    }

    @Test
    void givenTwoChangesInOneUnitOfWork_whenItCommits_thenTheSubscriberRunsAtLeastOnce_andAtMostOncePerChange() {
        AtomicInteger runs = new AtomicInteger();
        SettingsChanges changes = publisherTo(runs::incrementAndGet);

        inTransaction(() -> {
            changes.settingsChanged();
            changes.settingsChanged();
        });

        assertThat(eventually(() -> runs.get() >= 1)).as("the notice arrives").isTrue();
        assertThat(runs.get()).isBetween(1, 2);
    }

    @Test
    void givenAUnitOfWorkThatThrows_whenSettingsChangedInIt_thenTheSubscriberIsNotRun_butTheNextCommittedChangeRunsIt() {
        AtomicInteger runs = new AtomicInteger();
        SettingsChanges changes = publisherTo(runs::incrementAndGet);

        assertThatThrownBy(() -> inTransaction(() -> {
            changes.settingsChanged();
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        inTransaction(changes::settingsChanged);

        assertThat(eventually(() -> runs.get() >= 1)).as("the committed notice arrives").isTrue();
        // notices arrive in commit order: had the rolled-back one been sent, it would have come with or before this one
        assertThat(stillNotAfterAMoment(() -> runs.get() > 1)).as("only the committed change is delivered").isTrue();
    }
}
