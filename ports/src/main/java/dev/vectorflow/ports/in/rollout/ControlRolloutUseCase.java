package dev.vectorflow.ports.in.rollout;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.failure.DomainFailure;
import dev.vectorflow.core.rollout.Rollout;
import dev.vectorflow.core.rollout.RolloutId;
import java.util.Objects;

/**
 * Inbound port: a person steers a rollout. PAUSE stops it where it is; RESUME evaluates the current wave again
 * (converge, soak, gate); ABORT puts the previous version back everywhere; SKIP admits every node at once and completes
 * it. Audited; a rollout that is over answers 409 (a {@link dev.vectorflow.core.failure.ConflictFailure}), an unknown one 404.
 */
public interface ControlRolloutUseCase {

    enum Action { PAUSE, RESUME, ABORT, SKIP }

    record ControlRolloutCommand(Actor actor, RolloutId rollout, Action action) {
        public ControlRolloutCommand {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(rollout, "rollout");
            Objects.requireNonNull(action, "action");
        }
    }

    Rollout control(ControlRolloutCommand command) throws DomainFailure;
}
