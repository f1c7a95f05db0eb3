package dev.vectorflow.ports.in.heartbeat;

import dev.vectorflow.core.fleet.DesiredPipelines;
import dev.vectorflow.core.fleet.OneShotAction;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: take an agent's periodic report and answer with what it should do: the deploys and undeploys that follow
 * from its desired state and the one-shot actions still pending. Nothing is read from the database in the usual case.
 */
public interface ReceiveHeartbeatUseCase {

    HeartbeatOutcome receiveHeartbeat(HeartbeatCommand command);

    /**
     * Busy before the report is read: the write queue has no room, so the heartbeat would be refused anyway. Asked
     * before the body is parsed, so that a server catching up spends nothing on reports it cannot take (a refusal that
     * costs as much as a heartbeat keeps a saturated server saturated).
     */
    Optional<Busy> busy();

    /** What a heartbeat got: an answer, or "too busy, come back after {@code retryAfter}" with nothing stored. */
    sealed interface HeartbeatOutcome permits Answered, Busy {
    }

    /**
     * The poll interval to use and the actions to apply: first the deploys and undeploys that bring the node to its
     * desired state, then the one-shot actions still pending.
     */
    record Answered(Duration pollInterval, List<DesiredPipelines.Action> changes, List<OneShotAction> oneShots) implements HeartbeatOutcome {
        public Answered {
            Objects.requireNonNull(pollInterval, "pollInterval");
            changes = List.copyOf(changes);
            oneShots = List.copyOf(oneShots);
        }

        /** An answer without actions. */
        public static Answered nothingToDo(Duration pollInterval) {
            return new Answered(pollInterval, List.of(), List.of());
        }
    }

    record Busy(Duration retryAfter) implements HeartbeatOutcome {
    }
}
