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

    /** Versions with every kind of part the order knows, shared with the repository contract (which sorts them in SQL). */
    static final List<String> TRICKY_VERSIONS = List.of("0.9.0", "0.10.0", "1.2", "1.2.0", "1.2.0-rc1", "1.2rc", "1.2.0-SNAPSHOT", "1.2.1",
            "v1.10", "V1.9.9", "abc", "", "1..2", "1.2.+b", "007.1", "0", "0.0.1-SNAPSHOT", "12345678901234567890.1", "10.0.0", "2",
            " 1.3.0 ", "1.2.0+build7", "unknown");

    @Test
    void theSortKey_comparedAsText_ordersVersionsAsTheOrderDoes_andIsEqualWhereTheOrderFindsThemEqual() {
        for (String a : TRICKY_VERSIONS) {
            for (String b : TRICKY_VERSIONS) {
                assertThat(Integer.signum(AgentVersionBaseline.sortKey(a).compareTo(AgentVersionBaseline.sortKey(b))))
                        .as("%s vs %s", a, b).isEqualTo(Integer.signum(AgentVersionBaseline.ORDER.compare(a, b)));
            }
        }
        assertThat(AgentVersionBaseline.sortKey("0.10.0")).isGreaterThan(AgentVersionBaseline.sortKey("0.9.0"));
    }
}
