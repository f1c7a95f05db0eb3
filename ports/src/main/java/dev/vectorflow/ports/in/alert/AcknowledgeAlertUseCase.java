package dev.vectorflow.ports.in.alert;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: acknowledge a firing alert (who and when are stored as a transition, and audited). */
public interface AcknowledgeAlertUseCase {

    /** @throws ConflictFailure when the alert does not fire */
    AlertQueries.AlertView acknowledge(Actor actor, EnvironmentId environment, AlertId alert) throws NotFoundFailure, ConflictFailure;
}
