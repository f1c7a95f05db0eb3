package dev.vectorflow.ports.service.system;

import dev.vectorflow.ports.in.system.CheckReadinessUseCase;
import dev.vectorflow.ports.in.system.Readiness;
import dev.vectorflow.ports.out.persistence.DatabaseProbe;
import java.util.Map;

/** Ready when the database answers. */
public final class ReadinessService implements CheckReadinessUseCase {

    private final DatabaseProbe database;

    public ReadinessService(DatabaseProbe database) {
        this.database = database;
    }

    @Override
    public Readiness checkReadiness() {
        return database.problem()
                .map(problem -> new Readiness(false, Map.of("database", "DOWN: " + problem)))
                .orElseGet(() -> new Readiness(true, Map.of("database", "UP")));
    }
}
