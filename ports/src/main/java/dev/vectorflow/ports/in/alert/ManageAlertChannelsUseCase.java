package dev.vectorflow.ports.in.alert;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.AlertChannel;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;

/**
 * Use case: create, change, delete and test the notification channels of an environment (audited, secrets sealed). A
 * channel whose settings are incomplete or whose address the sender refuses is an
 * {@link dev.vectorflow.core.validation.InvalidValuesException} listing every reason.
 */
public interface ManageAlertChannelsUseCase {

    AlertChannel createChannel(SaveAlertChannelCommand command) throws NotFoundFailure, ConflictFailure;

    AlertChannel updateChannel(AlertChannelId id, SaveAlertChannelCommand command) throws NotFoundFailure, ConflictFailure;

    /** Deletes the channel; rules stop naming it. */
    void deleteChannel(Actor actor, EnvironmentId environment, AlertChannelId id) throws NotFoundFailure;

    /** Sends a test notification now (on the caller's thread, bounded by the delivery timeout) and stores the attempt. */
    DeliveryOutcome sendTest(Actor actor, EnvironmentId environment, AlertChannelId id) throws NotFoundFailure;
}
