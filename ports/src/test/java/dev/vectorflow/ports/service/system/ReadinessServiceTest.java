package dev.vectorflow.ports.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.in.system.Readiness;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadinessServiceTest {

    @Test
    void givenDatabaseAnswers_isReady() {
        Readiness readiness = new ReadinessService(Optional::empty).checkReadiness();

        assertThat(readiness).isEqualTo(new Readiness(true, Map.of("database", "UP")));
    }

    @Test
    void givenDatabaseDown_isNotReadyAndSaysWhy() {
        Readiness readiness = new ReadinessService(() -> Optional.of("connection refused")).checkReadiness();

        assertThat(readiness).isEqualTo(new Readiness(false, Map.of("database", "DOWN: connection refused")));
    }
}
