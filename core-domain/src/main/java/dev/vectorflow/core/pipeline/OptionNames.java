package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.pipeline.catalog.OptionSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Words for option names in problems: which options exist where a name is unknown, and the shapes of a union object. */
final class OptionNames {

    private static final int LISTED_IN_FULL = 16;
    private static final int SUGGESTIONS = 5;

    private OptionNames() {
    }

    /**
     * The hint after "'x' is not an option here": the closest documented names ("did you mean"), and every
     * documented name where there are few, else how many there are.
     */
    static String hint(String unknown, List<OptionSpec> specs) {
        List<String> names = specs.stream().filter(s -> !s.hidden() && !s.wildcard()).map(OptionSpec::name).sorted().toList();
        if (names.isEmpty()) {
            return "";
        }
        List<String> close = closest(unknown, names);
        String suggestion = close.isEmpty() ? "" : "did you mean " + close.stream().map(n -> "'" + n + "'").collect(Collectors.joining(" or "))
                + "? ";
        if (names.size() <= LISTED_IN_FULL) {
            return " (" + suggestion + "the options here: " + String.join(", ", names) + ")";
        }
        return " (" + suggestion + names.size() + " options here" + (close.isEmpty() ? ", for example " + String.join(", ", names.subList(0,
                SUGGESTIONS)) : "") + ")";
    }

    /** Names within a small edit distance of {@code unknown}, or sharing a word with it, nearest first. */
    private static List<String> closest(String unknown, List<String> names) {
        String wanted = unknown.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, wanted.length() / 3);
        record Scored(String name, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String name : names) {
            int distance = distance(wanted, name.toLowerCase(Locale.ROOT));
            boolean sharesWord = sharesWord(wanted, name.toLowerCase(Locale.ROOT));
            if (distance <= limit || sharesWord) {
                scored.add(new Scored(name, sharesWord ? Math.min(distance, limit) : distance));
            }
        }
        return scored.stream().sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name)).limit(3).map(Scored::name).toList();
    }

    private static boolean sharesWord(String a, String b) {
        for (String word : a.split("_")) {
            if (word.length() >= 4 && List.of(b.split("_")).contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Levenshtein distance (names are short). */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** "access_key_id + secret_access_key (also session_token, ...); credentials_file (also profile); none of these". */
    static String describeVariants(List<OptionSpec.Variant> variants) {
        List<String> shapes = new ArrayList<>();
        for (OptionSpec.Variant v : variants) {
            String required = v.required().isEmpty() ? "none of the fields" : String.join(" + ", v.required().stream().sorted().toList());
            shapes.add(v.optional().isEmpty() ? required : required + " (also " + String.join(", ", v.optional().stream().sorted().toList()) + ")");
        }
        return String.join("; ", shapes);
    }

    /** 'a', 'b' and 'c'. */
    static String quoted(Collection<String> names) {
        List<String> q = names.stream().sorted().map(n -> "'" + n + "'").toList();
        if (q.size() <= 1) {
            return String.join("", q);
        }
        return String.join(", ", q.subList(0, q.size() - 1)) + " and " + q.getLast();
    }
}
