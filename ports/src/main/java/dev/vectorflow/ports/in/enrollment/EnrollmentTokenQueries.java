package dev.vectorflow.ports.in.enrollment;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.EnrollmentToken;
import java.util.List;

/** Read side of enrollment tokens. */
public interface EnrollmentTokenQueries {

    /** The environment's tokens (not the re-enrollment ones), newest first. */
    List<EnrollmentToken> enrollmentTokens(EnvironmentId environment) throws NotFoundFailure;
}
