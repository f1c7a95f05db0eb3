package dev.vectorflow.ports.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.in.system.Readiness;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadinessServiceTest {

    @Test
    void givenDatabaseAnswersAndDataDirectoryWritable_isReady() {
        Readiness readiness = new ReadinessService(Optional::empty, Optional::empty).checkReadiness();

        assertThat(readiness).isEqualTo(new Readiness(true, Map.of("database", "UP", "dataDirectory", "UP")));
    }

    @Test
    void givenDatabaseDown_isNotReadyAndSaysWhy() {
        Readiness readiness = new ReadinessService(() -> Optional.of("connection refused"), Optional::empty).checkReadiness();

        assertThat(readiness).isEqualTo(new Readiness(false, Map.of("database", "DOWN: connection refused", "dataDirectory", "UP")));
    }

    @Test
    void givenDataDirectoryFull_isNotReadyAndSaysWhy_whileTheDatabaseIsUp() {
        Readiness readiness = new ReadinessService(Optional::empty, () -> Optional.of("12 MB free in /data, below the 64 MB minimum"))
                .checkReadiness();

        assertThat(readiness).isEqualTo(new Readiness(false, Map.of("database", "UP",
                "dataDirectory", "DOWN: 12 MB free in /data, below the 64 MB minimum")));
    }
}
