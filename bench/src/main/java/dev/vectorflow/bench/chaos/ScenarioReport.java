package dev.vectorflow.bench.chaos;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What one fault scenario checked (each check passed or not) and the figures it measured, printed as it goes. */
public final class ScenarioReport {

    private final String name;
    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> figures = new LinkedHashMap<>();

    ScenarioReport(String name, PrintStream out) {
        this.name = name;
        this.out = out;
        out.println();
        out.println("== " + name);
    }

    public String name() {
        return name;
    }

    /** Records a check; a failed one fails the scenario. Returns {@code ok}. */
    boolean check(boolean ok, String what) {
        out.println((ok ? "  ok    " : "  FAIL  ") + what);
        if (!ok) {
            failures.add(what);
        }
        return ok;
    }

    void figure(String what, String value) {
        figures.put(what, value);
        out.println("  figure " + what + ": " + value);
    }

    void seconds(String what, double seconds) {
        figure(what, seconds < 0 ? "not reached" : String.format(Locale.ROOT, "%.1f s", seconds));
    }

    void note(String text) {
        out.println("  ..    " + text);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public Map<String, String> figures() {
        return Map.copyOf(figures);
    }

    @Override
    public String toString() {
        return name + (passed() ? ": passed" : ": FAILED " + failures) + " " + figures;
    }
}
