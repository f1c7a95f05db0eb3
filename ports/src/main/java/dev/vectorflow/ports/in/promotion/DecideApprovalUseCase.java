package dev.vectorflow.ports.in.promotion;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.ForbiddenFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.core.promotion.ApprovalRequestId;

/**
 * Use case: approve (then the held deploy or promotion is carried out) or reject a pending approval request. Only an
 * admin of the environment's team who did not ask may decide. Audited.
 */
public interface DecideApprovalUseCase {

    /**
     * @throws ForbiddenFailure when the caller asked for it or is not an admin of the team
     * @throws ConflictFailure  when the request is no longer pending (decided or expired)
     */
    ApprovalRequest approve(Actor actor, EnvironmentId environment, ApprovalRequestId id)
            throws NotFoundFailure, ForbiddenFailure, ConflictFailure;

    ApprovalRequest reject(Actor actor, EnvironmentId environment, ApprovalRequestId id, String reason)
            throws NotFoundFailure, ForbiddenFailure, ConflictFailure;
}
