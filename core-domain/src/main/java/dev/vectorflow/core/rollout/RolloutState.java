package dev.vectorflow.core.rollout;

/**
 * Where a rollout stands. ROLLING: the current wave is admitted and its nodes are taking the new version; SOAKING: they
 * all run it and the soak time runs; PAUSED: waits for a person (a failed gate without rollback, or paused by hand). The
 * others are final: COMPLETED (every node has the new version), ROLLED_BACK (a failed gate put the previous version back),
 * ABORTED (stopped by hand, previous version back), SUPERSEDED (a newer deploy or an undeploy of the pipeline took over).
 */
public enum RolloutState {
    ROLLING, SOAKING, PAUSED, COMPLETED, ROLLED_BACK, ABORTED, SUPERSEDED;

    /** True while the rollout decides what the nodes of its pipeline run. */
    public boolean active() {
        return this == ROLLING || this == SOAKING || this == PAUSED;
    }
}
