package dev.vectorflow.core.alert;

import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.PlainText;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a log rule looks for in a line: a keyword (plain text, any case) or a regular expression. A regular expression
 * is compiled when the rule is saved; one that nests quantifiers ({@code (a+)+}, {@code (x*)*}) or refers back to a
 * group is refused, and every match runs on a budget of character reads, so no line can keep the evaluation busy: a line
 * that exhausts the budget counts as not matching.
 */
public final class LogPattern {

    public static final int MAX_LENGTH = 200;
    /** Lines are looked at up to this many characters. */
    public static final int MAX_LINE = 2_000;
    /** Character reads one match may make (a linear scan of a 2,000-character line needs a few thousand). */
    static final int BUDGET = 200_000;

    private final String text;
    private final boolean regex;
    private final Pattern compiled;
    private final String lowerKeyword;

    public LogPattern(String text, boolean regex) {
        this.text = PlainText.requireSingleLine("pattern", Objects.requireNonNull(text, "pattern"), MAX_LENGTH);
        if (this.text.isBlank()) {
            throw new InvalidValueException("pattern", "is required");
        }
        this.regex = regex;
        if (regex) {
            refuseCatastrophic(this.text);
            try {
                this.compiled = Pattern.compile(this.text);
            } catch (PatternSyntaxException e) {
                throw new InvalidValueException("pattern", "must be a regular expression but " + e.getDescription() + " near index " + e.getIndex());
            }
            this.lowerKeyword = null;
        } else {
            this.compiled = null;
            this.lowerKeyword = this.text.toLowerCase(Locale.ROOT);
        }
    }

    public String text() {
        return text;
    }

    public boolean regex() {
        return regex;
    }

    /** True when the line (its first {@link #MAX_LINE} characters) matches. */
    public boolean matches(String line) {
        String head = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
        if (!regex) {
            return head.toLowerCase(Locale.ROOT).contains(lowerKeyword);
        }
        try {
            return compiled.matcher(new Budgeted(head)).find();
        } catch (BudgetExhausted e) {
            return false;
        }
    }

    /** Refuses back-references and a quantified group that holds a quantifier (the shapes that backtrack exponentially). */
    private static void refuseCatastrophic(String pattern) {
        if (Pattern.compile("\\\\([1-9]|k<)").matcher(pattern).find()) {
            throw new InvalidValueException("pattern", "must not refer back to a group (\\1, \\k<name>)");
        }
        // per open group: whether a quantifier stands inside it
        boolean[] quantifiedInside = new boolean[pattern.length() + 1];
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '\\') {
                i++;
                continue;
            }
            if (inClass) {
                inClass = ch != ']';
                continue;
            }
            switch (ch) {
                case '[' -> inClass = true;
                case '(' -> quantifiedInside[++depth] = false;
                case ')' -> {
                    if (depth == 0) {
                        continue;
                    }
                    boolean inner = quantifiedInside[depth--];
                    boolean quantifiedAfter = i + 1 < pattern.length() && "*+{".indexOf(pattern.charAt(i + 1)) >= 0;
                    if (inner && quantifiedAfter) {
                        throw new InvalidValueException("pattern", "must not repeat a group that repeats inside (such as (a+)+): it can take"
                                + " exponential time");
                    }
                    if (inner || quantifiedAfter) {
                        quantifiedInside[depth] = quantifiedInside[depth] || inner || quantifiedAfter;
                    }
                }
                case '*', '+', '{' -> quantifiedInside[depth] = true;
                default -> { }
            }
        }
    }

    private static final class BudgetExhausted extends RuntimeException {
        BudgetExhausted() {
            super(null, null, false, false);
        }
    }

    /** The line as the matcher reads it, counting reads. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private int reads;

        Budgeted(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (++reads > BUDGET) {
                throw new BudgetExhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogPattern p && p.text.equals(text) && p.regex == regex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, regex);
    }

    @Override
    public String toString() {
        return (regex ? "/" + text + "/" : text);
    }
}
