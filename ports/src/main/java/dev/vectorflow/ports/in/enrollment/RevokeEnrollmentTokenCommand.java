package dev.vectorflow.ports.in.enrollment;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.EnrollmentTokenId;
import java.util.Objects;

/** Input of {@link RevokeEnrollmentTokenUseCase}. */
public record RevokeEnrollmentTokenCommand(Actor actor, EnvironmentId environmentId, EnrollmentTokenId token) {

    public RevokeEnrollmentTokenCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(token, "token");
    }
}
