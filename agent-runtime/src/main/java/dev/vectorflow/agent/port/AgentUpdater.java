package dev.vectorflow.agent.port;

import dev.vectorflow.ports.in.agent.PendingAction;

/** Driven port of the agent: installs a new agent release named by an {@code update} action. */
public interface AgentUpdater {

    /** Downloads, verifies (SHA-256 and ed25519) and swaps the agent; the caller restarts the agent after {@link Installed}. */
    Result install(PendingAction update);

    /** What became of an update. */
    sealed interface Result {
        /** In place; the agent must restart to run it. */
        record Installed(String version) implements Result {
        }

        /** Not installed; {@code reason} says why (for {@code updateError} and the action result). */
        record Refused(String reason) implements Result {
        }
    }
}
