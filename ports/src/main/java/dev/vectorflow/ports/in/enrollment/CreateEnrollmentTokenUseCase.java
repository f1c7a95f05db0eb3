package dev.vectorflow.ports.in.enrollment;

import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: issue a token agents enroll into an environment with. */
public interface CreateEnrollmentTokenUseCase {

    IssuedEnrollmentToken createEnrollmentToken(CreateEnrollmentTokenCommand command) throws NotFoundFailure;
}
