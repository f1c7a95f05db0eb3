package dev.vectorflow.ports.in.enrollment;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import java.time.Duration;
import java.util.Objects;

/** Input of {@link CreateEnrollmentTokenUseCase}: {@code maxUses} 1 is a single-use token. */
public record CreateEnrollmentTokenCommand(Actor actor, EnvironmentId environmentId, String name, Duration validity, int maxUses, Labels labels) {

    public CreateEnrollmentTokenCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(labels, "labels");
    }
}
