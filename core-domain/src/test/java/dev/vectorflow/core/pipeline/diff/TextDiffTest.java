package dev.vectorflow.core.pipeline.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextDiffTest {

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static String numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    private static String unified(String from, String to) {
        return TextDiff.between("v1", from, "v2", to).unified();
    }

    /** Rebuilds the new text from the old one and the hunks, checking every context and removed line on the way. */
    private static List<String> apply(List<String> from, TextDiff diff) {
        List<String> result = new ArrayList<>();
        int next = 0;
        for (TextDiff.Hunk hunk : diff.hunks()) {
            int begin = hunk.fromCount() == 0 ? hunk.fromStart() : hunk.fromStart() - 1;
            while (next < begin) {
                result.add(from.get(next++));
            }
            assertThat(hunk.toCount() == 0 ? hunk.toStart() : hunk.toStart() - 1).as("to start of %s", hunk.header())
                    .isEqualTo(result.size());
            for (TextDiff.Line line : hunk.lines()) {
                switch (line.kind()) {
                    case CONTEXT -> {
                        assertThat(from.get(next++)).isEqualTo(line.text());
                        result.add(line.text());
                    }
                    case REMOVED -> assertThat(from.get(next++)).isEqualTo(line.text());
                    case ADDED -> result.add(line.text());
                }
            }
        }
        while (next < from.size()) {
            result.add(from.get(next++));
        }
        return result;
    }

    private static long changedLines(TextDiff diff) {
        return diff.hunks().stream().flatMap(h -> h.lines().stream()).filter(l -> l.kind() != TextDiff.Line.Kind.CONTEXT).count();
    }

    /** The textbook O(N·M) longest common subsequence length, as an independent check of minimality. */
    private static int lcsLength(List<String> a, List<String> b) {
        int[][] table = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                table[i][j] = a.get(i).equals(b.get(j)) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
            }
        }
        return table[0][0];
    }

    @Test
    void identicalTextsGiveAnEmptyString() {
        TextDiff diff = TextDiff.between("v1", numbered(1, 50), "v2", numbered(1, 50));

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.unified()).isEmpty();
        assertThat(unified("", "")).isEmpty();
    }

    @Test
    void textsThatDifferOnlyInTheirFinalOrKindOfLineBreaksHaveTheSameLines() {
        assertThat(unified("a\nb", "a\nb\n")).isEmpty();
        assertThat(unified("a\r\nb\r\n", "a\nb\n")).isEmpty();
        assertThat(unified("a\nb", "a\nc")).isEqualTo("""
                --- v1
                +++ v2
                @@ -1,2 +1,2 @@
                 a
                -b
                +c
                """);
    }

    @Test
    void aChangedLineIsShownWithThreeLinesOfContextOnEachSide() {
        String from = lines("one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
        String to = lines("one", "two", "three", "four", "FIVE", "six", "seven", "eight", "nine");

        assertThat(TextDiff.between("pipeline v1", from, "pipeline v2", to).unified()).isEqualTo("""
                --- pipeline v1
                +++ pipeline v2
                @@ -2,7 +2,7 @@
                 two
                 three
                 four
                -five
                +FIVE
                 six
                 seven
                 eight
                """);
    }

    @Test
    void changesFarApartMakeSeveralHunksNumberedInBothTexts() {
        String to = numbered(1, 1) + numbered(3, 9) + "line ten\n" + numbered(11, 21);

        assertThat(unified(numbered(1, 20), to)).isEqualTo("""
                --- v1
                +++ v2
                @@ -1,5 +1,4 @@
                 line 1
                -line 2
                 line 3
                 line 4
                 line 5
                @@ -7,7 +6,7 @@
                 line 7
                 line 8
                 line 9
                -line 10
                +line ten
                 line 11
                 line 12
                 line 13
                @@ -18,3 +17,4 @@
                 line 18
                 line 19
                 line 20
                +line 21
                """);
    }

    @Test
    void changesWithAtMostSixUnchangedLinesBetweenThemShareAHunk() {
        String sixApart = numbered(1, 2) + "three\n" + numbered(4, 9) + "ten\n" + numbered(11, 12);
        String sevenApart = numbered(1, 2) + "three\n" + numbered(4, 10) + "eleven\n" + numbered(12, 12);

        assertThat(TextDiff.between("a", numbered(1, 12), "b", sixApart).hunks()).extracting(TextDiff.Hunk::header)
                .containsExactly("@@ -1,12 +1,12 @@");
        assertThat(TextDiff.between("a", numbered(1, 12), "b", sevenApart).hunks()).extracting(TextDiff.Hunk::header)
                .containsExactly("@@ -1,6 +1,6 @@", "@@ -8,5 +8,5 @@");
    }

    @Test
    void linesAddedAtTheStartAndAtTheEndOfAText() {
        assertThat(unified(lines("b", "c"), lines("a", "b", "c", "d"))).isEqualTo("""
                --- v1
                +++ v2
                @@ -1,2 +1,4 @@
                +a
                 b
                 c
                +d
                """);
        assertThat(unified(numbered(1, 10), "zero\n" + numbered(1, 11))).isEqualTo("""
                --- v1
                +++ v2
                @@ -1,3 +1,4 @@
                +zero
                 line 1
                 line 2
                 line 3
                @@ -8,3 +9,4 @@
                 line 8
                 line 9
                 line 10
                +line 11
                """);
    }

    @Test
    void anEmptyTextAgainstAFullOneIsAllAddedOrAllRemoved() {
        assertThat(TextDiff.between("empty", "", "full", lines("a", "b", "c")).unified()).isEqualTo("""
                --- empty
                +++ full
                @@ -0,0 +1,3 @@
                +a
                +b
                +c
                """);
        assertThat(TextDiff.between("full", lines("a", "b", "c"), "empty", "").unified()).isEqualTo("""
                --- full
                +++ empty
                @@ -1,3 +0,0 @@
                -a
                -b
                -c
                """);
        assertThat(unified("", "a")).isEqualTo("""
                --- v1
                +++ v2
                @@ -0,0 +1 @@
                +a
                """);
    }

    @Test
    void contextCanBeNarrowedAndARangeOfOneLineShowsNoCount() {
        assertThat(TextDiff.between("v1", lines("a", "b", "c"), "v2", lines("a", "B", "c"), 0).unified()).isEqualTo("""
                --- v1
                +++ v2
                @@ -2 +2 @@
                -b
                +B
                """);
        assertThat(TextDiff.between("v1", lines("a", "c"), "v2", lines("a", "b", "c"), 0).unified()).isEqualTo("""
                --- v1
                +++ v2
                @@ -1,0 +2 @@
                +b
                """);
    }

    @Test
    void aComponentInsertedBetweenTwoLikeItReadsAsOneBlock() {
        String from = lines("transforms:", "  a:", "    type: remap", "    inputs:", "    - in",
                "  c:", "    type: remap", "    inputs:", "    - a");
        String to = lines("transforms:", "  a:", "    type: remap", "    inputs:", "    - in",
                "  b:", "    type: remap", "    inputs:", "    - a",
                "  c:", "    type: remap", "    inputs:", "    - b");

        assertThat(unified(from, to)).isEqualTo("""
                --- v1
                +++ v2
                @@ -3,7 +3,11 @@
                     type: remap
                     inputs:
                     - in
                -  c:
                +  b:
                     type: remap
                     inputs:
                     - a
                +  c:
                +    type: remap
                +    inputs:
                +    - b
                """);
    }

    @Test
    void changesAmongEqualLinesAreShownAsOneBlock() {
        assertThat(unified(lines("a", "b", "b", "b", "b"), lines("b", "b"))).isEqualTo("""
                --- v1
                +++ v2
                @@ -1,5 +1,2 @@
                -a
                -b
                -b
                 b
                 b
                """);
        assertThat(unified(lines("x", "b", "b"), lines("x", "a", "b"))).isEqualTo("""
                --- v1
                +++ v2
                @@ -1,3 +1,3 @@
                 x
                -b
                +a
                 b
                """);
    }

    @Test
    void randomEditsGiveAShortestDiffThatRebuildsTheNewText() {
        Random random = new Random(20240611L);
        for (int round = 0; round < 400; round++) {
            int vocabulary = 1 + random.nextInt(round % 2 == 0 ? 3 : 15);
            List<String> from = new ArrayList<>();
            int size = random.nextInt(60);
            for (int i = 0; i < size; i++) {
                from.add("v" + random.nextInt(vocabulary));
            }
            List<String> to = new ArrayList<>(from);
            for (int edit = random.nextInt(12); edit > 0; edit--) {
                int at = random.nextInt(to.size() + 1);
                switch (to.isEmpty() ? 0 : random.nextInt(3)) {
                    case 0 -> to.add(at, "v" + random.nextInt(vocabulary + 2));
                    case 1 -> to.remove(Math.min(at, to.size() - 1));
                    default -> to.set(Math.min(at, to.size() - 1), "v" + random.nextInt(vocabulary + 2));
                }
            }

            TextDiff diff = TextDiff.between("a", String.join("\n", from), "b", String.join("\n", to), round % 4);

            assertThat(apply(from, diff)).as("round %d", round).isEqualTo(to);
            assertThat(changedLines(diff)).as("round %d", round).isEqualTo(from.size() + to.size() - 2L * lcsLength(from, to));
        }
    }

    @Test
    void tenThousandLinesWithAHundredScatteredChangesGiveAHundredHunks() {
        List<String> from = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            from.add("    line " + i + ": key_" + (i % 37) + " = value");
        }
        // Every 100th line, from line index 50: replaced, removed, or followed by a new line, in turn.
        List<String> to = new ArrayList<>();
        List<String> expectedHeaders = new ArrayList<>();
        int shift = 0;
        for (int i = 0; i < from.size(); i++) {
            int change = i % 100 == 50 ? (i / 100) % 3 : -1;
            int oneBased = i + 1;
            switch (change) {
                case 0 -> {
                    to.add("changed " + i);
                    expectedHeaders.add("@@ -" + (oneBased - 3) + ",7 +" + (oneBased - 3 + shift) + ",7 @@");
                }
                case 1 -> {
                    expectedHeaders.add("@@ -" + (oneBased - 3) + ",7 +" + (oneBased - 3 + shift) + ",6 @@");
                    shift--;
                }
                case 2 -> {
                    to.add(from.get(i));
                    to.add("inserted after " + i);
                    expectedHeaders.add("@@ -" + (oneBased - 2) + ",6 +" + (oneBased - 2 + shift) + ",7 @@");
                    shift++;
                }
                default -> to.add(from.get(i));
            }
        }
        String fromText = String.join("\n", from) + "\n";
        String toText = String.join("\n", to) + "\n";

        long started = System.nanoTime();
        TextDiff diff = TextDiff.between("v1", fromText, "v2", toText);
        long elapsedMicros = (System.nanoTime() - started) / 1_000;
        System.out.printf("TextDiff of 10,000 lines with 100 scattered changes: %d hunks in %.1f ms%n", diff.hunks().size(),
                elapsedMicros / 1000.0);

        assertThat(diff.hunks()).hasSize(100);
        assertThat(diff.hunks()).extracting(TextDiff.Hunk::header).containsExactlyElementsOf(expectedHeaders);
        assertThat(changedLines(diff)).isEqualTo(34 * 2 + 33 + 33);
        assertThat(apply(from, diff)).isEqualTo(to);
    }

    @Test
    void aHunkMustChangeSomethingAndComeInOrder() {
        TextDiff.Line context = new TextDiff.Line(TextDiff.Line.Kind.CONTEXT, "a");
        TextDiff.Line added = new TextDiff.Line(TextDiff.Line.Kind.ADDED, "b");
        TextDiff.Hunk first = new TextDiff.Hunk(1, 1, List.of(context, added));

        assertThatThrownBy(() -> new TextDiff.Hunk(1, 1, List.of(context))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'lines' must hold a removed or added line but held 1 context lines");
        assertThatThrownBy(() -> new TextDiff.Hunk(0, 1, List.of(context, added))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'fromStart' must be at least 1 but was 0");
        assertThatThrownBy(() -> new TextDiff("a", "b", List.of(first, first))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextDiff.Line(TextDiff.Line.Kind.ADDED, "two\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextDiff.between("v1\nv2", "", "v3", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'fromLabel' must be one line but was 'v1\nv2'");
    }
}
