package dev.vectorflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

    @Test
    void readsUrlTokenAndDataDirectory() {
        AgentSettings s = AgentSettings.fromEnvironment(Map.of("VF_URL", "https://vf.example.com", "VF_TOKEN", "abc", "VF_DATA_DIR", "/tmp/a"));

        assertThat(s.serverUrls()).singleElement().satisfies(u -> assertThat(u.getHost()).isEqualTo("vf.example.com"));
        assertThat(s.enrollmentToken()).contains("abc");
        assertThat(s.dataDirectory()).isEqualTo(Path.of("/tmp/a"));
        assertThat(s.toString()).doesNotContain("abc");
    }

    @Test
    void severalServers_areACommaSeparatedList_inTheirOrder() {
        AgentSettings s = AgentSettings.fromEnvironment(Map.of("VF_URL", " https://vf-a.example.com, https://vf-b.example.com:8443 ,http://10.0.0.3:8080,"));

        assertThat(s.serverUrls()).extracting(java.net.URI::toString)
                .containsExactly("https://vf-a.example.com", "https://vf-b.example.com:8443", "http://10.0.0.3:8080");
        assertThat(s.toString()).contains("vf-b.example.com");
    }

    @Test
    void aListWithABadAddress_aRepeatedOne_orTooManyOfThem_isRefusedWithItsReason() {
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("VF_URL", "https://vf-a.example.com,ftp://vf-b.example.com")))
                .hasMessageContaining("ftp://vf-b.example.com");
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("VF_URL", "https://vf-a.example.com,https://vf-a.example.com")))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("VF_URL", " , ")))
                .hasMessageContaining("at least one");
        String seventeen = String.join(",", java.util.stream.IntStream.rangeClosed(1, 17).mapToObj(i -> "http://10.0.0." + i).toList());
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("VF_URL", seventeen)))
                .hasMessageContaining("at most 16");
    }

    @Test
    void defaults_areThoseOfTheReadme() {
        AgentSettings s = AgentSettings.fromEnvironment(Map.of("VF_URL", "https://vf.example.com"));

        assertThat(s.dataDirectory()).isEqualTo(Path.of("/var/lib/vectorflow-agent"));
        assertThat(s.vectorBinary()).isEqualTo(Path.of("vector"));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.labels()).isEmpty();
        assertThat(s.updatePublicKey()).isEmpty();
    }

    @Test
    void labelsPollIntervalBinaryAndUpdateKey_areRead() {
        AgentSettings s = AgentSettings.fromEnvironment(Map.of("VF_URL", "http://127.0.0.1:8080", "VF_NODE_LABELS", "role=edge, zone=eu-1",
                "VF_POLL_INTERVAL", "500ms", "VF_VECTOR_BIN", "/opt/vector/bin/vector", "VF_UPDATE_PUBLIC_KEY", "AAAA"));

        assertThat(s.labels()).containsEntry("role", "edge").containsEntry("zone", "eu-1");
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.vectorBinary()).isEqualTo(Path.of("/opt/vector/bin/vector"));
        assertThat(s.updatePublicKey()).contains("AAAA");
        assertThat(AgentSettings.duration("X", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(AgentSettings.duration("X", "20")).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void givenMissingOrBadValues_failsNamingTheVariable() {
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of())).hasMessageStartingWith("VF_URL is required");
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("VF_URL", "ftp://x"))).hasMessageStartingWith("VF_URL must be");
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("VF_URL", "not a url"))).hasMessageStartingWith("VF_URL must be");
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("VF_URL", "http://x", "VF_NODE_LABELS", "role")))
                .hasMessageStartingWith("VF_NODE_LABELS must be");
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("VF_URL", "http://x", "VF_POLL_INTERVAL", "soon")))
                .hasMessageStartingWith("VF_POLL_INTERVAL must be");
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("VF_URL", "http://x", "VF_POLL_INTERVAL", "10ms")))
                .hasMessageContaining("between 100ms and 1h");
    }
}
