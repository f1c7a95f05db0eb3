package dev.vectorflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

    @Test
    void readsUrlTokenAndDataDirectory() {
        AgentSettings s = AgentSettings.fromEnvironment(Map.of("VF_URL", "https://vf.example.com", "VF_TOKEN", "abc", "VF_DATA_DIR", "/tmp/a"));

        assertThat(s.serverUrl().getHost()).isEqualTo("vf.example.com");
        assertThat(s.enrollmentToken()).contains("abc");
        assertThat(s.dataDirectory()).isEqualTo(Path.of("/tmp/a"));
        assertThat(s.toString()).doesNotContain("abc");
    }

    @Test
    void givenMissingOrBadUrl_failsNamingTheVariable() {
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of())).hasMessageStartingWith("VF_URL is required");
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("VF_URL", "ftp://x"))).hasMessageStartingWith("VF_URL must be");
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("VF_URL", "not a url"))).hasMessageStartingWith("VF_URL must be");
    }
}
