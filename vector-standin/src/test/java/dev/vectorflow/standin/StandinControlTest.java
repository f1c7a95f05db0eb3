package dev.vectorflow.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control file a test changes while stand-ins run: event rate, and a crash scoped to configs with a marker. */
class StandinControlTest {

    @TempDir
    Path dir;

    @Test
    void givenNoVariable_orNoFile_nothingIsSwitched() {
        assertThat(StandinControl.from(Map.of()).now()).isEqualTo(StandinControl.Switches.NONE);
        assertThat(StandinControl.from(Map.of(StandinControl.VARIABLE, dir.resolve("missing").toString())).now())
                .isEqualTo(StandinControl.Switches.NONE);
    }

    @Test
    void givenAFile_itsSwitchesApply_andAChangeIsReadAtTheNextLook() throws Exception {
        Path file = dir.resolve("control.properties");
        StandinControl control = StandinControl.from(Map.of(StandinControl.VARIABLE, file.toString()));
        Files.writeString(file, "events_per_second=100\n");
        assertThat(control.now().eventsPerSecond()).isEqualTo(100);

        Files.writeString(file, "events_per_second=2.5\ncrash_after_secs=1\nfault_when_config_contains=crash-me\n");
        StandinControl.Switches switches = control.now();
        assertThat(switches.eventsPerSecond()).isEqualTo(2.5);
        assertThat(switches.crashAfterSecsFor("sources: {x: {type: demo_logs}}\n# crash-me\n")).isEqualTo(1);
        assertThat(switches.crashAfterSecsFor("sources: {x: {type: demo_logs}}\n")).as("another pipeline runs on").isEqualTo(-1);

        Files.delete(file);
        assertThat(control.now()).isEqualTo(StandinControl.Switches.NONE);
    }

    @Test
    void givenValuesThatAreNotNumbers_theyAreNotSet() {
        StandinControl.Switches switches = StandinControl.parse("events_per_second=lots\ncrash_after_secs=-3\n");
        assertThat(switches.eventsPerSecond()).isEqualTo(-1);
        assertThat(switches.crashAfterSecsFor("anything")).isEqualTo(-1);
    }
}
