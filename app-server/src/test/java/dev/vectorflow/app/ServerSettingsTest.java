package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.util.Set;

class ServerSettingsTest {

    @Test
    void givenNoVariables_everySettingHasASafeDefault() {
        ServerSettings s = ServerSettings.fromEnvironment(Map.of());

        assertThat(s.httpHost()).isEqualTo("127.0.0.1");
        assertThat(s.httpPort()).isEqualTo(8080);
        assertThat(s.dataDirectory()).isEqualTo(Path.of("./data"));
        assertThat(s.embeddedDatabaseDirectory()).isEqualTo(Path.of("./data/postgres"));
        assertThat(s.databaseUrl()).isEmpty();
        assertThat(s.logLevel()).isEqualTo("INFO");
        assertThat(s.maxRequestBytes()).isEqualTo(1_048_576);
        assertThat(s.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsEveryVariable() {
        ServerSettings s = ServerSettings.fromEnvironment(Map.of(
                "VF_HTTP_HOST", "0.0.0.0", "VF_HTTP_PORT", "9090", "VF_DATA_DIR", "/srv/vf",
                "VF_DATABASE_URL", "jdbc:postgresql://db:5432/vf", "VF_DATABASE_USER", "vf", "VF_DATABASE_PASSWORD", "pw",
                "VF_DATABASE_POOL_SIZE", "20", "VF_LOG_LEVEL", "debug", "VF_HTTP_MAX_REQUEST_BYTES", "2048",
                "VF_SHUTDOWN_GRACE_SECONDS", "5"));

        assertThat(s.httpHost()).isEqualTo("0.0.0.0");
        assertThat(s.httpPort()).isEqualTo(9090);
        assertThat(s.databaseUrl()).contains("jdbc:postgresql://db:5432/vf");
        assertThat(s.databaseUser()).contains("vf");
        assertThat(s.databasePoolSize()).isEqualTo(20);
        assertThat(s.logLevel()).isEqualTo("DEBUG");
        assertThat(s.maxRequestBytes()).isEqualTo(2048);
        assertThat(s.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "VF_HTTP_PORT|abc", "VF_HTTP_PORT|70000", "VF_HTTP_PORT|-1",
            "VF_DATABASE_URL|jdbc:mysql://db/vf", "VF_DATABASE_URL|postgres://db/vf",
            "VF_LOG_LEVEL|loud", "VF_DATABASE_POOL_SIZE|0", "VF_HTTP_MAX_REQUEST_BYTES|10",
            "VF_SHUTDOWN_GRACE_SECONDS|forever", "VF_HTTP_HOST|bad host"})
    void givenInvalidValue_failsNamingTheVariableAndTheValue(String variable, String value) {
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(variable + " ")
                .hasMessageEndingWith("but was '" + value + "'");
    }

    @Test
    void describeMasksPasswordsAlsoInsideTheUrl() {
        ServerSettings s = ServerSettings.fromEnvironment(Map.of(
                "VF_DATABASE_URL", "jdbc:postgresql://db/vf?user=vf&password=s3cret-url", "VF_DATABASE_PASSWORD", "s3cret-env"));

        String text = String.join("\n", s.describe());
        assertThat(text).doesNotContain("s3cret").contains("VF_DATABASE_PASSWORD = ****").contains("password=****");
        assertThat(s.toString()).doesNotContain("s3cret");
    }

    @Test
    void unknownVfVariablesAreReportedButTestOnesAreNot() {
        assertThat(ServerSettings.unknownVariables(Map.of("VF_HTTP_PROT", "1", "VF_TEST_DATABASE_URL", "x", "PATH", "/bin"), Set.of()))
                .containsExactly("VF_HTTP_PROT");
    }
}
