package dev.vectorflow.core.pipeline.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A line-by-line unified diff of two texts (such as the rendered YAML of two pipeline versions), printed like {@code diff -u}.
 * The details are in docs/architecture.md, "Notes on the code".
 */
public record TextDiff(String fromLabel, String toLabel, List<Hunk> hunks) {

    /** Unchanged lines shown around each change unless asked otherwise, as {@code diff -u} does. */
    public static final int DEFAULT_CONTEXT_LINES = 3;

    /** One line of a hunk: kept, removed from the old text, or added by the new one. */
    public record Line(Kind kind, String text) {

        /** What happened to a line, with the character that prefixes it in a unified diff. */
        public enum Kind {
            CONTEXT(' '), REMOVED('-'), ADDED('+');

            private final char prefix;

            Kind(char prefix) {
                this.prefix = prefix;
            }

            /** The character that starts such a line in a unified diff. */
            public char prefix() {
                return prefix;
            }
        }

        public Line {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("'text' must be one line but was '" + text + "'");
            }
        }

        @Override
        public String toString() {
            return kind.prefix() + text;
        }
    }

    /**
     * A run of changed lines with their context. {@code fromStart} and {@code toStart} are the
     * 1-based numbers of the hunk's first line in the old and new text, or, for a side with no
     * lines in the hunk, the number of the line after which it sits (0 at the start).
     */
    public record Hunk(int fromStart, int toStart, List<Line> lines) {

        public Hunk {
            lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
            if (lines.stream().allMatch(line -> line.kind() == Line.Kind.CONTEXT)) {
                throw new IllegalArgumentException("'lines' must hold a removed or added line but held " + lines.size()
                        + " context lines");
            }
            checkStart("fromStart", fromStart, count(lines, Line.Kind.REMOVED));
            checkStart("toStart", toStart, count(lines, Line.Kind.ADDED));
        }

        private static void checkStart(String field, int start, int count) {
            if (start < 0 || (count > 0 && start == 0)) {
                throw new IllegalArgumentException("'" + field + "' must be " + (count > 0 ? "at least 1" : "at least 0")
                        + " but was " + start);
            }
        }

        /** How many lines of the old text the hunk covers (context and removed lines). */
        public int fromCount() {
            return count(lines, Line.Kind.REMOVED);
        }

        /** How many lines of the new text the hunk covers (context and added lines). */
        public int toCount() {
            return count(lines, Line.Kind.ADDED);
        }

        /** The hunk's header line, such as {@code @@ -3,7 +3,8 @@}. */
        public String header() {
            return "@@ -" + range(fromStart, fromCount()) + " +" + range(toStart, toCount()) + " @@";
        }

        private int fromBegin() {
            return fromCount() == 0 ? fromStart : fromStart - 1;
        }

        private int toBegin() {
            return toCount() == 0 ? toStart : toStart - 1;
        }

        private static String range(int start, int count) {
            return count == 1 ? Integer.toString(start) : start + "," + count;
        }

        private static int count(List<Line> lines, Line.Kind changed) {
            int count = 0;
            for (Line line : lines) {
                if (line.kind() == Line.Kind.CONTEXT || line.kind() == changed) {
                    count++;
                }
            }
            return count;
        }
    }

    /** Labels must be one line each; hunks must come in text order without overlapping. */
    public TextDiff {
        checkLabel("fromLabel", fromLabel);
        checkLabel("toLabel", toLabel);
        hunks = List.copyOf(Objects.requireNonNull(hunks, "hunks"));
        for (int i = 1; i < hunks.size(); i++) {
            Hunk before = hunks.get(i - 1);
            Hunk after = hunks.get(i);
            if (after.fromBegin() < before.fromBegin() + before.fromCount() || after.toBegin() < before.toBegin() + before.toCount()) {
                throw new IllegalArgumentException("'hunks' must be in order without overlapping but hunk " + (i + 1) + " ("
                        + after.header() + ") overlaps or precedes hunk " + i + " (" + before.header() + ")");
            }
        }
    }

    private static void checkLabel(String field, String label) {
        Objects.requireNonNull(label, field);
        if (label.indexOf('\n') >= 0 || label.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("'" + field + "' must be one line but was '" + label + "'");
        }
    }

    /** The differences between two texts, with {@value #DEFAULT_CONTEXT_LINES} lines of context. */
    public static TextDiff between(String fromLabel, String fromText, String toLabel, String toText) {
        return between(fromLabel, fromText, toLabel, toText, DEFAULT_CONTEXT_LINES);
    }

    /** The differences between two texts, with {@code contextLines} unchanged lines around each change. */
    public static TextDiff between(String fromLabel, String fromText, String toLabel, String toText, int contextLines) {
        Objects.requireNonNull(fromText, "fromText");
        Objects.requireNonNull(toText, "toText");
        if (contextLines < 0) {
            throw new IllegalArgumentException("'contextLines' must not be negative but was " + contextLines);
        }
        List<String> from = fromText.lines().toList();
        List<String> to = toText.lines().toList();
        Map<String, Integer> ids = new HashMap<>();
        int[] fromIds = idsOf(from, ids);
        int[] toIds = idsOf(to, ids);
        ShortestEditScript.Marks marks = ShortestEditScript.between(fromIds, toIds, ids.size());
        return new TextDiff(fromLabel, toLabel, hunksOf(script(from, to, marks), contextLines));
    }

    /** Whether the two texts have the same lines. */
    public boolean isEmpty() {
        return hunks.isEmpty();
    }

    /** The diff as {@code diff -u} prints it, every line ending in {@code \n}; empty when the texts have the same lines. */
    public String unified() {
        if (hunks.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        text.append("--- ").append(fromLabel).append('\n');
        text.append("+++ ").append(toLabel).append('\n');
        for (Hunk hunk : hunks) {
            text.append(hunk.header()).append('\n');
            for (Line line : hunk.lines()) {
                text.append(line.kind().prefix()).append(line.text()).append('\n');
            }
        }
        return text.toString();
    }

    private static int[] idsOf(List<String> lines, Map<String, Integer> ids) {
        int[] result = new int[lines.size()];
        for (int i = 0; i < result.length; i++) {
            Integer id = ids.get(lines.get(i));
            if (id == null) {
                id = ids.size();
                ids.put(lines.get(i), id);
            }
            result[i] = id;
        }
        return result;
    }

    /** Both texts merged into one sequence of kept, removed and added lines. */
    private static List<Line> script(List<String> from, List<String> to, ShortestEditScript.Marks marks) {
        int size = from.size() + to.size();
        for (boolean removed : marks.removed()) {
            size -= removed ? 0 : 1;
        }
        Line.Kind[] kinds = new Line.Kind[size];
        String[] texts = new String[size];
        int i = 0;
        int j = 0;
        for (int s = 0; s < size; s++) {
            if (i < from.size() && marks.removed()[i]) {
                kinds[s] = Line.Kind.REMOVED;
                texts[s] = from.get(i++);
            } else if (j < to.size() && marks.added()[j]) {
                kinds[s] = Line.Kind.ADDED;
                texts[s] = to.get(j++);
            } else {
                kinds[s] = Line.Kind.CONTEXT;
                texts[s] = from.get(i++);
                j++;
            }
        }
        slideOneSidedRuns(kinds, texts);
        return removedBeforeAdded(kinds, texts);
    }

    /** Puts the removed lines of each run of changes before its added lines (either text keeps its order). */
    private static List<Line> removedBeforeAdded(Line.Kind[] kinds, String[] texts) {
        List<Line> script = new ArrayList<>(kinds.length);
        List<Line> added = new ArrayList<>();
        for (int s = 0; s < kinds.length; s++) {
            switch (kinds[s]) {
                case REMOVED -> script.add(new Line(Line.Kind.REMOVED, texts[s]));
                case ADDED -> added.add(new Line(Line.Kind.ADDED, texts[s]));
                case CONTEXT -> {
                    script.addAll(added);
                    added.clear();
                    script.add(new Line(Line.Kind.CONTEXT, texts[s]));
                }
            }
        }
        script.addAll(added);
        return script;
    }

    /**
     * Among equally short scripts, picks one that reads well. A run of only removed (or only added)
     * lines between kept lines can slide over the kept lines around it when they are equal to its
     * own (removing the first of "x x" is removing the second); sliding swaps the kinds of the
     * run's first line and the kept line after it (or its last line and the kept line before it), so
     * both texts and the length of the script stay the same. A run is slid to join the change
     * after it, else the change before it (so a change reads as one block, as GNU diff does), else
     * as far down as it goes, which makes an inserted YAML block start at its own first line.
     */
    private static void slideOneSidedRuns(Line.Kind[] kinds, String[] texts) {
        int start = 0;
        while (start < kinds.length) {
            if (kinds[start] == Line.Kind.CONTEXT) {
                start++;
                continue;
            }
            int end = start;
            boolean oneSided = true;
            while (end < kinds.length && kinds[end] != Line.Kind.CONTEXT) {
                oneSided &= kinds[end] == kinds[start];
                end++;
            }
            if (oneSided) {
                int down = 0;
                while (end + down < kinds.length && kinds[end + down] == Line.Kind.CONTEXT && texts[end + down].equals(texts[start + down])) {
                    down++;
                }
                int up = 0;
                while (start - up - 1 >= 0 && kinds[start - up - 1] == Line.Kind.CONTEXT && texts[start - up - 1].equals(texts[end - up - 1])) {
                    up++;
                }
                boolean joinsNext = end + down < kinds.length && kinds[end + down] != Line.Kind.CONTEXT;
                boolean joinsPrevious = start - up - 1 >= 0 && kinds[start - up - 1] != Line.Kind.CONTEXT;
                int shift = joinsNext || !joinsPrevious ? down : -up;
                Line.Kind kind = kinds[start];
                for (int step = 0; step < Math.abs(shift); step++) {
                    int leaving = shift > 0 ? start + step : end - step - 1;
                    int joining = shift > 0 ? end + step : start - step - 1;
                    kinds[leaving] = Line.Kind.CONTEXT;
                    kinds[joining] = kind;
                }
                if (shift > 0 && joinsNext) {
                    start += shift;
                    continue; // look at the joined run as a whole: it may be one-sided and slide further
                }
                if (shift < 0 && joinsPrevious) {
                    start += shift;
                    while (start > 0 && kinds[start - 1] != Line.Kind.CONTEXT) {
                        start--;
                    }
                    continue;
                }
                end += shift;
            }
            start = end;
        }
    }

    private static List<Hunk> hunksOf(List<Line> script, int contextLines) {
        List<Integer> changes = new ArrayList<>();
        for (int s = 0; s < script.size(); s++) {
            if (script.get(s).kind() != Line.Kind.CONTEXT) {
                changes.add(s);
            }
        }
        List<Hunk> hunks = new ArrayList<>();
        int scanned = 0;
        int fromBefore = 0;
        int toBefore = 0;
        int c = 0;
        while (c < changes.size()) {
            int firstChange = changes.get(c);
            int lastChange = firstChange;
            while (c + 1 < changes.size() && changes.get(c + 1) - lastChange - 1 <= 2 * contextLines) {
                lastChange = changes.get(++c);
            }
            c++;
            int begin = Math.max(scanned, firstChange - contextLines);
            int end = Math.min(script.size(), lastChange + contextLines + 1);
            for (; scanned < begin; scanned++) {
                Line.Kind kind = script.get(scanned).kind();
                fromBefore += kind == Line.Kind.ADDED ? 0 : 1;
                toBefore += kind == Line.Kind.REMOVED ? 0 : 1;
            }
            List<Line> lines = script.subList(begin, end);
            boolean fromEmpty = lines.stream().allMatch(line -> line.kind() == Line.Kind.ADDED);
            boolean toEmpty = lines.stream().allMatch(line -> line.kind() == Line.Kind.REMOVED);
            hunks.add(new Hunk(fromEmpty ? fromBefore : fromBefore + 1, toEmpty ? toBefore : toBefore + 1, lines));
        }
        return hunks;
    }
}
