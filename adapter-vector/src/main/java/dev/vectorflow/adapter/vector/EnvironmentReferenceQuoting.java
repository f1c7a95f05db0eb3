package dev.vectorflow.adapter.vector;

import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vector substitutes environment variables in the raw text before it parses a file (when it runs with
 * {@code --dangerously-allow-env-var-interpolation}), so {@code batch_size = ${BATCH}} is valid TOML to Vector
 * once substituted, and {@code "batch_size": ${BATCH}} valid JSON. To read such a file at all, each reference
 * that stands outside a string (and outside a TOML comment) is put in quotes here: it reads as the text
 * {@code ${BATCH}}, which the validator recognises and the renderer writes back bare. References inside strings are
 * left alone. YAML needs none of this: {@code batch_size: ${BATCH}} is a plain scalar.
 */
final class EnvironmentReferenceQuoting {

    private static final Pattern BARE_REFERENCE = Pattern.compile("\\$\\{[A-Za-z0-9_]+(?:(?::?-|:?\\?)[^}\\n]*)?}|\\$[A-Za-z0-9_]+");

    private EnvironmentReferenceQuoting() {
    }

    static String quoteBareReferences(String text, ConfigFormat format) {
        if (text.indexOf('$') < 0 || format == ConfigFormat.YAML) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean toml = format == ConfigFormat.TOML;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (toml && c == '#') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(text, i, end);
                i = end;
            } else if (toml && (text.startsWith("\"\"\"", i) || text.startsWith("'''", i))) {
                String fence = text.substring(i, i + 3);
                int end = closing(text, i + 3, fence, fence.charAt(0) == '"');
                out.append(text, i, end);
                i = end;
            } else if (c == '"' || (toml && c == '\'')) {
                int end = closing(text, i + 1, String.valueOf(c), c == '"');
                out.append(text, i, end);
                i = end;
            } else if (c == '$') {
                Matcher m = BARE_REFERENCE.matcher(text).region(i, n);
                if (m.lookingAt()) {
                    out.append('"').append(m.group().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                    i = m.end();
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index after the closing {@code fence} (or the end of the text); backslash escapes count where {@code escapes}. */
    private static int closing(String text, int from, String fence, boolean escapes) {
        int i = from;
        while (i < text.length()) {
            if (escapes && text.charAt(i) == '\\') {
                i += 2;
            } else if (text.startsWith(fence, i)) {
                int end = i + fence.length();
                // a multi-line string may end with up to two more quotes of its own
                while (fence.length() == 3 && end < text.length() && text.charAt(end) == fence.charAt(0) && end - i < 5) {
                    end++;
                }
                return end;
            } else {
                i++;
            }
        }
        return text.length();
    }
}
