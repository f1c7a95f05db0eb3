package dev.vectorflow.standin;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Switches a test flips while stand-ins run, without a redeploy: a properties file named by
 * {@code VECTOR_STANDIN_CONTROL} (inherited from the agent by every Vector it starts), read again at every tick.
 * {@code events_per_second} sets how many events each source makes a second (default 20);
 * {@code crash_after_secs} crashes the stand-in that long after its config was loaded, only when its config text
 * contains {@code fault_when_config_contains} (when that is set), so one pipeline of a node crashes and the others run.
 * A missing file or a value that is not a number changes nothing.
 */
final class StandinControl {

    static final String VARIABLE = "VECTOR_STANDIN_CONTROL";

    /** What the file says now; a negative number is "not set". */
    record Switches(double eventsPerSecond, long crashAfterSecs, String faultWhenConfigContains) {

        static final Switches NONE = new Switches(-1, -1, "");

        /** The crash delay for a stand-in running {@code configText}, or -1. */
        long crashAfterSecsFor(String configText) {
            return faultWhenConfigContains.isEmpty() || configText.contains(faultWhenConfigContains) ? crashAfterSecs : -1;
        }
    }

    private final Path file;
    private long readModified = Long.MIN_VALUE;
    private Switches switches = Switches.NONE;

    private StandinControl(Path file) {
        this.file = file;
    }

    static StandinControl from(Map<String, String> env) {
        String name = env.getOrDefault(VARIABLE, "");
        return new StandinControl(name.isBlank() ? null : Path.of(name.strip()));
    }

    /** The switches as the file holds them now (read again only when it changed). */
    Switches now() {
        if (file == null) {
            return Switches.NONE;
        }
        try {
            long modified = Files.getLastModifiedTime(file).toMillis() * 31 + Files.size(file);
            if (modified != readModified) {
                switches = parse(Files.readString(file));
                readModified = modified;
            }
        } catch (IOException e) {
            switches = Switches.NONE;
            readModified = Long.MIN_VALUE;
        }
        return switches;
    }

    static Switches parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return Switches.NONE;
        }
        return new Switches(number(p.getProperty("events_per_second")), (long) number(p.getProperty("crash_after_secs")),
                p.getProperty("fault_when_config_contains", "").strip());
    }

    private static double number(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            double d = Double.parseDouble(value.strip());
            return Double.isFinite(d) && d >= 0 ? d : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
