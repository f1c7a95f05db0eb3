package dev.vectorflow.ports.in.alert;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.Silence;
import dev.vectorflow.core.alert.SilenceId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import java.time.Instant;

/** Use case: silence alerts until a time, or end a silence (audited). */
public interface ManageSilencesUseCase {

    Silence createSilence(CreateSilenceCommand command) throws NotFoundFailure;

    /** Silences the alert's rule on the alert's node (the whole rule for an alert about no node). */
    Silence silenceAlert(Actor actor, EnvironmentId environment, AlertId alert, Instant until, String reason) throws NotFoundFailure;

    void deleteSilence(Actor actor, EnvironmentId environment, SilenceId id) throws NotFoundFailure;
}
