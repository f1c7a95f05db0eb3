package dev.vectorflow.agent.control;

import dev.vectorflow.ports.protocol.ActionResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The books of one-shot actions (restart, sample, update): each id runs once, and while the server still lists it, its
 * result is sent again. Thread-safe; keeps the last {@value #KEPT} results.
 */
final class OneShotActions {

    static final int KEPT = 512;

    private final Map<String, ActionResult> settled = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ActionResult> eldest) {
            return size() > KEPT;
        }
    };
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();

    /** The result of this action when it already ran. */
    synchronized Optional<ActionResult> result(String actionId) {
        return Optional.ofNullable(settled.get(actionId));
    }

    /** Marks the action as running; false when it already runs. */
    boolean start(String actionId) {
        return inProgress.add(actionId);
    }

    /** The action ran (or ran before this agent started, as a rolled-back update did): this is its result from now on. */
    void settle(ActionResult result) {
        synchronized (this) {
            settled.put(result.actionId(), result);
        }
        inProgress.remove(result.actionId());
    }

    /** The action ends without a result (the agent restarts into an installed update). */
    void abandon(String actionId) {
        inProgress.remove(actionId);
    }
}
