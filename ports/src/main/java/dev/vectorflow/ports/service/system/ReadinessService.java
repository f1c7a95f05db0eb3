package dev.vectorflow.ports.service.system;

import dev.vectorflow.ports.in.system.CheckReadinessUseCase;
import dev.vectorflow.ports.in.system.Readiness;
import dev.vectorflow.ports.out.persistence.DatabaseProbe;
import dev.vectorflow.ports.out.system.DataDirectoryProbe;
import java.util.Map;
import java.util.Optional;

/** Ready when the database answers and the data directory can take writes; each check says UP or DOWN with why. */
public final class ReadinessService implements CheckReadinessUseCase {

    private final DatabaseProbe database;
    private final DataDirectoryProbe dataDirectory;

    public ReadinessService(DatabaseProbe database, DataDirectoryProbe dataDirectory) {
        this.database = database;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public Readiness checkReadiness() {
        Optional<String> db = database.problem();
        Optional<String> disk = dataDirectory.problem();
        return new Readiness(db.isEmpty() && disk.isEmpty(), Map.of("database", state(db), "dataDirectory", state(disk)));
    }

    private static String state(Optional<String> problem) {
        return problem.map(p -> "DOWN: " + p).orElse("UP");
    }
}
