package dev.vectorflow.ports.in.enrollment;

import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: revoke an enrollment token; agents can no longer enroll with it. */
public interface RevokeEnrollmentTokenUseCase {

    void revokeEnrollmentToken(RevokeEnrollmentTokenCommand command) throws NotFoundFailure;
}
