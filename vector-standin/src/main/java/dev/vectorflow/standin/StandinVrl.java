package dev.vectorflow.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of VRL compilation the stand-in imitates: a call to a function that this Vector does not have is an
 * error (Vector's E105), found by validate, at start and on reload, as Vector compiles every remap program even with
 * {@code --no-environment}. The function names are Vector's own list (vrl-functions.json, MPL-2.0). Strings, raw
 * literals ({@code s'..'}, {@code r'..'}, {@code t'..'}), comments, paths and keywords are not calls.
 */
final class StandinVrl {

    private static final Set<String> FUNCTIONS = bundledFunctions();
    private static final Set<String> KEYWORDS = Set.of("abort", "as", "break", "continue", "else", "false", "for", "if", "impl", "in", "let",
            "loop", "null", "return", "self", "std", "then", "this", "true", "type", "until", "use", "while");

    private StandinVrl() {
    }

    /** The compile errors of one VRL program, as Vector words them (one line each). */
    static List<String> errors(String program) {
        List<String> errors = new ArrayList<>();
        int i = 0;
        int n = program.length();
        while (i < n) {
            char c = program.charAt(i);
            if (c == '#') {
                while (i < n && program.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                i = skipQuoted(program, i + 1, '"');
            } else if ((c == 's' || c == 'r' || c == 't') && i + 1 < n && program.charAt(i + 1) == '\'' && !partOfWord(program, i - 1)) {
                i = skipQuoted(program, i + 2, '\'');
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(program.charAt(i)) || program.charAt(i) == '_')) {
                    i++;
                }
                String word = program.substring(start, i);
                int after = i < n && program.charAt(i) == '!' ? i + 1 : i;
                boolean call = after < n && program.charAt(after) == '(';
                boolean path = start > 0 && (program.charAt(start - 1) == '.' || program.charAt(start - 1) == '%');
                if (call && !path && !KEYWORDS.contains(word) && !FUNCTIONS.contains(word)) {
                    errors.add("error[E105]: call to undefined function `" + word + "`");
                }
            } else {
                i++;
            }
        }
        return errors;
    }

    private static boolean partOfWord(String text, int at) {
        return at >= 0 && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_' || text.charAt(at) == '.');
    }

    /** The index after the closing quote (or the end), honouring backslash escapes. */
    private static int skipQuoted(String text, int from, char quote) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    private static Set<String> bundledFunctions() {
        try (InputStream in = StandinVrl.class.getResourceAsStream("vrl-functions.json")) {
            if (in == null) {
                throw new IllegalStateException("vrl-functions.json is missing from the stand-in jar");
            }
            Set<String> names = new HashSet<>();
            for (JsonNode f : StandinConfig.JSON.readTree(in).path("functions")) {
                names.add(f.path("name").asText());
            }
            return Set.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
