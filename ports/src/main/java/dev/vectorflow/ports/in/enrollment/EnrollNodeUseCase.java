package dev.vectorflow.ports.in.enrollment;

import dev.vectorflow.core.failure.RejectedCredentialsFailure;

/** Use case: an agent joins an environment with an enrollment token and receives its node token. */
public interface EnrollNodeUseCase {

    /** @throws RejectedCredentialsFailure for an unknown, expired, revoked or used-up token (nothing is stored) */
    EnrolledNode enrollNode(EnrollNodeCommand command) throws RejectedCredentialsFailure;
}
