package dev.vectorflow.ports.service.environment;

import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.failure.ConflictFailure;

/** The conflicts the environment use cases report, worded once. */
final class EnvironmentConflicts {

    private EnvironmentConflicts() {
    }

    static ConflictFailure nameTaken(EnvironmentName name) {
        return ConflictFailure.onField("name", "An environment named '" + name + "' already exists");
    }
}
