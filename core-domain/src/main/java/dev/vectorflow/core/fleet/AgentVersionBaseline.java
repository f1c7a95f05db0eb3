package dev.vectorflow.core.fleet;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Arrays;

/**
 * The agent version a fleet should run: the newest registered release or the version most nodes run, whichever is
 * newer. A node on an older version is stale.
 */
public record AgentVersionBaseline(Optional<String> newestRelease, Optional<String> majority) {

    /**
     * Orders version texts as people read them: numeric parts by value ({@code 1.10.0 > 1.9.2}), missing parts as 0, a
     * pre-release ({@code 1.2.0-rc1}, {@code 1.2.0-SNAPSHOT}) before its release, build metadata ({@code +abc}) ignored,
     * and text without a leading number before every version.
     */
    public static final Comparator<String> ORDER = AgentVersionBaseline::compareVersions;

    public AgentVersionBaseline {
        Objects.requireNonNull(newestRelease, "newestRelease");
        Objects.requireNonNull(majority, "majority");
    }

    /** The baseline of a fleet with these node counts per version and these registered releases. */
    public static AgentVersionBaseline of(Map<String, Long> nodesByVersion, Collection<String> releaseVersions) {
        Optional<String> newest = releaseVersions.stream().max(ORDER);
        // ties go to the newer version: half the fleet updated is not a reason to call the other half current
        Optional<String> majority = nodesByVersion.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(ORDER)))
                .map(Map.Entry::getKey);
        return new AgentVersionBaseline(newest, majority);
    }

    /** The newer of the newest release and the majority's version. */
    public Optional<String> target() {
        if (newestRelease.isEmpty()) {
            return majority;
        }
        if (majority.isEmpty()) {
            return newestRelease;
        }
        return Optional.of(ORDER.compare(newestRelease.get(), majority.get()) >= 0 ? newestRelease.get() : majority.get());
    }

    /** True when {@code version} is older than the target. */
    public boolean isStale(String version) {
        return target().map(t -> ORDER.compare(version == null ? "" : version, t) < 0).orElse(false);
    }

    /**
     * The version as text that sorts, compared char by char (the database's {@code collate "C"}), as {@link #ORDER} orders
     * the versions: {@code 0} and the text for text without a leading number; else {@code 1}, each number up to the last
     * non-zero one as {@code /}, its digit count in two digits and its digits, then {@code -} and the pre-release text, or
     * {@code .} for a release (after every pre-release of the same numbers, before any longer version). Versions equal under
     * {@link #ORDER} give the same key. The schema's {@code vf_version_sort_key} computes the same text in SQL.
     */
    public static String sortKey(String version) {
        Parsed p = Parsed.of(version);
        if (p.numbers.length == 0) {
            return "0" + p.qualifier;
        }
        int last = p.numbers.length;
        while (last > 0 && p.numbers[last - 1] == 0) {
            last--;
        }
        StringBuilder key = new StringBuilder("1");
        for (int i = 0; i < last; i++) {
            String digits = Long.toString(p.numbers[i]);
            key.append('/').append(digits.length() < 10 ? "0" : "").append(digits.length()).append(digits);
        }
        return key.append(p.qualifier.isEmpty() ? "." : "-" + p.qualifier).toString();
    }

    private static int compareVersions(String a, String b) {
        Parsed x = Parsed.of(a);
        Parsed y = Parsed.of(b);
        if (x.numbers.length == 0 || y.numbers.length == 0) {
            if (x.numbers.length != y.numbers.length) {
                return x.numbers.length == 0 ? -1 : 1;
            }
            return x.qualifier.compareTo(y.qualifier);
        }
        for (int i = 0; i < Math.max(x.numbers.length, y.numbers.length); i++) {
            int c = Long.compare(i < x.numbers.length ? x.numbers[i] : 0, i < y.numbers.length ? y.numbers[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        if (x.qualifier.isEmpty() != y.qualifier.isEmpty()) {
            return x.qualifier.isEmpty() ? 1 : -1;
        }
        return x.qualifier.compareTo(y.qualifier);
    }

    /** Leading dot-separated numbers and the pre-release text after them (build metadata dropped). */
    private record Parsed(long[] numbers, String qualifier) {

        static Parsed of(String text) {
            String t = text == null ? "" : text.strip();
            if (t.startsWith("v") || t.startsWith("V")) {
                t = t.substring(1);
            }
            int plus = t.indexOf('+');
            if (plus >= 0) {
                t = t.substring(0, plus);
            }
            int end = 0;
            while (end < t.length() && (Character.isDigit(t.charAt(end)) || t.charAt(end) == '.')) {
                end++;
            }
            String[] parts = t.substring(0, end).split("\\.");
            long[] numbers = new long[parts.length];
            int n = 0;
            for (String part : parts) {
                if (part.isEmpty()) {
                    break;
                }
                numbers[n++] = part.length() > 18 ? Long.MAX_VALUE : Long.parseLong(part);
            }
            String rest = t.substring(end);
            return new Parsed(Arrays.copyOf(numbers, n), rest.startsWith("-") ? rest.substring(1) : rest);
        }
    }
}
