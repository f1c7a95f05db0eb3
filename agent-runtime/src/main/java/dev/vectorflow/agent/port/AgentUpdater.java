package dev.vectorflow.agent.port;

import dev.vectorflow.ports.protocol.PendingAction;
import java.util.Optional;

/**
 * Driven port of the agent: installs a new agent release named by an {@code update} action, and keeps the books of
 * an update in flight (proven by the new agent's first heartbeat, or rolled back by the launcher).
 */
public interface AgentUpdater {

    /** Downloads, verifies (SHA-256 and ed25519) and swaps the agent; the caller restarts the agent after {@link Installed}. */
    Result install(PendingAction update);

    /** An update the launcher rolled back before this agent started (its agent did not heartbeat in time), if any. */
    Optional<RolledBack> rolledBack();

    /**
     * Called once the server answered this agent's first heartbeat: an update that started this agent is proven (the
     * launcher must not roll it back), and a rollback reported in that heartbeat is known to the server.
     */
    void heartbeatAnswered();

    /** What became of an update. */
    sealed interface Result {
        /** In place; the agent must restart to run it. */
        record Installed(String version) implements Result {
        }

        /** Not installed; {@code reason} says why (for {@code updateError} and the action result). */
        record Refused(String reason) implements Result {
        }
    }

    /** The update {@code actionId} to {@code version} was undone by the launcher; {@code message} says why. */
    record RolledBack(Optional<String> actionId, String version, String message) {
    }
}
