package dev.vectorflow.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentVersionBaselineTest {

    @Test
    void versionsSortAsPeopleReadThem_numbersByValue_preReleasesBeforeTheirRelease_textFirst() {
        List<String> versions = new ArrayList<>(List.of("1.10.0", "1.9.2", "unknown", "1.2.0", "1.2.0-SNAPSHOT", "v2.0.0",
                "1.2.0-rc1", "1.2.0+build7", "0.9"));
        versions.sort(AgentVersionBaseline.ORDER);
        assertThat(versions).containsExactly("unknown", "0.9", "1.2.0-SNAPSHOT", "1.2.0-rc1", "1.2.0", "1.2.0+build7", "1.9.2",
                "1.10.0", "v2.0.0");
        assertThat(AgentVersionBaseline.ORDER.compare("1.2", "1.2.0")).isZero();
    }

    @Test
    void givenANewerRelease_everyNodeBelowItIsStale() {
        AgentVersionBaseline baseline = AgentVersionBaseline.of(Map.of("1.0.0", 8L, "1.1.0", 2L), List.of("1.1.0", "0.9.0"));
        assertThat(baseline.newestRelease()).contains("1.1.0");
        assertThat(baseline.majority()).contains("1.0.0");
        assertThat(baseline.target()).contains("1.1.0");
        assertThat(baseline.isStale("1.0.0")).isTrue();
        assertThat(baseline.isStale("1.1.0")).isFalse();
        assertThat(baseline.isStale("1.2.0")).isFalse();
    }

    @Test
    void givenNoRelease_nodesBehindTheMajorityAreStale_andATieGoesToTheNewerVersion() {
        AgentVersionBaseline majority = AgentVersionBaseline.of(Map.of("2.0.0", 5L, "1.0.0", 1L, "", 1L), List.of());
        assertThat(majority.target()).contains("2.0.0");
        assertThat(majority.isStale("1.0.0")).isTrue();
        assertThat(majority.isStale("")).isTrue();
        assertThat(AgentVersionBaseline.of(Map.of("1.0.0", 3L, "1.1.0", 3L), List.of()).majority()).contains("1.1.0");
        // an old release does not make the fleet stale
        assertThat(AgentVersionBaseline.of(Map.of("2.0.0", 1L), List.of("1.0.0")).isStale("2.0.0")).isFalse();
    }

    @Test
    void givenAnEmptyFleetWithoutReleases_nothingIsStale() {
        AgentVersionBaseline none = AgentVersionBaseline.of(Map.of(), List.of());
        assertThat(none.target()).isEqualTo(Optional.empty());
        assertThat(none.isStale("1.0.0")).isFalse();
    }
}
