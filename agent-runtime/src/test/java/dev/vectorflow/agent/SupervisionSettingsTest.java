package dev.vectorflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.agent.pipeline.Backoff;
import dev.vectorflow.agent.pipeline.PipelineSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupervisionSettingsTest {

    private static final PipelineSettings DEFAULTS = PipelineSettings.defaults(List.of("secrets"));

    @Test
    void givenNoVariables_theDefaultsOfTheIssueHold() {
        PipelineSettings s = SupervisionSettings.fromEnvironment(Map.of(), DEFAULTS);

        assertThat(s.settleWindow()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.crashBackoff()).isEqualTo(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)));
        assertThat(s.crashLoopAfter()).isEqualTo(10);
        assertThat(SupervisionSettings.describe(s)).isEqualTo("settle window 20000ms, crash backoff 1000ms doubling to 60000ms, "
                + "CRASH_LOOP after 10 fast crashes, ports 18600-18999");
    }

    @Test
    void settleWindowBackoffAndCrashLoopThreshold_areRead_andTheRestStays() {
        PipelineSettings s = SupervisionSettings.fromEnvironment(Map.of("VF_SETTLE_WINDOW", "2s", "VF_CRASH_BACKOFF", "250ms",
                "VF_CRASH_BACKOFF_MAX", "1s", "VF_CRASH_LOOP_AFTER", "4"), DEFAULTS);

        assertThat(s.settleWindow()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.crashBackoff()).isEqualTo(new Backoff(Duration.ofMillis(250), Duration.ofSeconds(1)));
        assertThat(s.crashLoopAfter()).isEqualTo(4);
        assertThat(s.stableAfter()).isEqualTo(DEFAULTS.stableAfter());
        assertThat(s.tick()).isEqualTo(DEFAULTS.tick());
        assertThat(s.secretCommand()).isEqualTo(List.of("secrets"));
        assertThat(s.firstPort()).isEqualTo(DEFAULTS.firstPort());
        assertThat(s.portCount()).isEqualTo(DEFAULTS.portCount());
    }

    @Test
    void aPortRange_givesThePoolItsFirstPortAndSize() {
        PipelineSettings s = SupervisionSettings.fromEnvironment(Map.of("VF_PORT_RANGE", " 19000-19039 "), DEFAULTS);

        assertThat(s.firstPort()).isEqualTo(19000);
        assertThat(s.portCount()).isEqualTo(40);
        assertThat(SupervisionSettings.describe(s)).endsWith("ports 19000-19039");
        assertThat(SupervisionSettings.fromEnvironment(Map.of("VF_PORT_RANGE", "65534-65535"), DEFAULTS).portCount()).isEqualTo(2);
    }

    @Test
    void givenBadValues_failsNamingTheVariable() {
        assertThatThrownBy(() -> SupervisionSettings.fromEnvironment(Map.of("VF_SETTLE_WINDOW", "soon"), DEFAULTS))
                .hasMessageStartingWith("VF_SETTLE_WINDOW must be");
        assertThatThrownBy(() -> SupervisionSettings.fromEnvironment(Map.of("VF_CRASH_BACKOFF", "2m"), DEFAULTS))
                .hasMessageStartingWith("VF_CRASH_BACKOFF_MAX must be at least VF_CRASH_BACKOFF");
        assertThatThrownBy(() -> SupervisionSettings.fromEnvironment(Map.of("VF_CRASH_LOOP_AFTER", "0"), DEFAULTS))
                .hasMessageStartingWith("VF_CRASH_LOOP_AFTER must be a whole number");
        assertThatThrownBy(() -> SupervisionSettings.fromEnvironment(Map.of("VF_CRASH_LOOP_AFTER", "ten"), DEFAULTS))
                .hasMessageStartingWith("VF_CRASH_LOOP_AFTER must be a whole number");
        for (String range : new String[] {"19000", "19000-19000", "19001-19000", "80-90", "19000-70000", "a-b", "19000-19010-19020", "-5-10",
                "19000 - 19010x", "99999999999-99999999999"}) {
            assertThatThrownBy(() -> SupervisionSettings.fromEnvironment(Map.of("VF_PORT_RANGE", range), DEFAULTS)).as(range)
                    .hasMessageStartingWith("VF_PORT_RANGE must be 'first-last'");
        }
    }
}
