package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.ArrayList;
import java.util.List;

/**
 * Fake of {@link Transactions}: snapshots every registered in-memory store before the outermost
 * unit of work and restores them when the work throws, like a rollback. Single-threaded tests only.
 */
public final class InMemoryTransactions implements Transactions {

    /** An in-memory store that can be put back as it was. */
    public interface Participant {
        Object snapshot();

        void restore(Object snapshot);
    }

    private final List<Participant> participants = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private int depth;

    /** Runs {@code action} when the outermost unit of work commits (at once outside one); a rollback forgets it. */
    public void afterCommit(Runnable action) {
        if (depth == 0) {
            action.run();
        } else {
            afterCommit.add(action);
        }
    }

    /** True while a unit of work runs (tests check that slow side effects happen outside one). */
    public boolean open() {
        return depth > 0;
    }

    public <P extends Participant> P register(P participant) {
        participants.add(participant);
        return participant;
    }

    @Override
    public <T, E extends Exception> T inTransaction(UnitOfWork<T, E> work) throws E {
        if (depth > 0) {
            return work.run();
        }
        List<Object> snapshots = participants.stream().map(Participant::snapshot).toList();
        depth++;
        T result;
        try {
            result = work.run();
        } catch (Exception | Error failure) {
            for (int i = 0; i < participants.size(); i++) {
                participants.get(i).restore(snapshots.get(i));
            }
            afterCommit.clear();
            throw failure;
        } finally {
            depth--;
        }
        List<Runnable> committed = List.copyOf(afterCommit);
        afterCommit.clear();
        committed.forEach(Runnable::run);
        return result;
    }
}
