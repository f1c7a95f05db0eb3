package dev.vectorflow.ports.in.fleet;

import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.ports.protocol.EnrollRequest;
import dev.vectorflow.ports.protocol.EnrollResponse;

/** Use case: an agent joins an environment with an enrollment token and receives its node token. */
public interface EnrollNodeUseCase {

    /**
     * @throws RejectedCredentialsFailure for an unknown, expired, revoked or used-up token (nothing is stored)
     * @throws dev.vectorflow.core.validation.InvalidValueException for bad input (nothing is stored)
     */
    EnrollResponse enroll(EnrollRequest request, String clientAddress) throws RejectedCredentialsFailure;
}
