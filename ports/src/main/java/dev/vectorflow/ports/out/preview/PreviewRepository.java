package dev.vectorflow.ports.out.preview;

import dev.vectorflow.core.environment.EnvironmentId;
import java.util.Optional;

/**
 * Driven port: the previews every server of one database sees (the agent may fetch a preview from another server than
 * the one that took the request). They are a question of the moment, not a record: only the newest of each environment
 * are kept. Call it inside a unit of work.
 */
public interface PreviewRepository {

    void insert(StoredPreview preview);

    /** The preview as stored (a pending one past its deadline is still stored as pending: see {@link StoredPreview#asOf}). */
    Optional<StoredPreview> find(String id);

    /**
     * Stores what came of a preview (state, reason, comparison, run logs), only while the stored one is still pending.
     *
     * @return false when it was no longer pending (or is gone)
     */
    boolean settle(StoredPreview settled);

    /** Deletes the environment's previews but the newest {@code count} (by request time). */
    void keepNewest(EnvironmentId environment, int count);
}
